import torch


class BatchWarmup:
    """Linear per-batch warm-up used for the first epochs of detector training."""

    def __init__(self, optimizer, warmup_epochs, iters_per_epoch, start_ratio=0.001):
        self.optimizer = optimizer
        self.warm_iters = max(1, int(warmup_epochs * iters_per_epoch))
        self.start_ratio = start_ratio
        self.iters_batch = 0

    @property
    def done(self):
        return self.iters_batch >= self.warm_iters

    def step_batch(self):
        if self.done:
            return
        self.iters_batch += 1
        rate = self.start_ratio + (1.0 - self.start_ratio) * self.iters_batch / self.warm_iters
        for pg in self.optimizer.param_groups:
            pg["lr"] *= rate

    def state_dict(self):
        return {"iters_batch": self.iters_batch}

    def load_state_dict(self, sd):
        self.iters_batch = sd["iters_batch"]


def train_epoch(net, loader, opt, warm, epoch):
    net.train()
    for imgs, targets in loader:
        imgs = imgs.cuda()
        loss_dict = net(imgs, targets)
        loss = sum(loss_dict.values())
        opt.zero_grad()
        loss.backward()
        opt.step()
        warm.step_batch()
    print(f"epoch {epoch}: lr={opt.param_groups[0]['lr']:.5f}")
