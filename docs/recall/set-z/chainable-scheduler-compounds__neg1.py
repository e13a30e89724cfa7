from bisect import bisect_right

from torch.optim.lr_scheduler import LRScheduler


class WarmupMultiStepLR(LRScheduler):
    def __init__(self, optimizer, milestones, gamma=0.1, warmup_factor=0.001, warmup_iters=1000, last_epoch=-1):
        if list(milestones) != sorted(milestones):
            raise ValueError(f"Milestones should be a list of increasing integers. Got {milestones}")
        self.milestones = list(milestones)
        self.gamma = gamma
        self.warmup_factor = warmup_factor
        self.warmup_iters = warmup_iters
        super().__init__(optimizer, last_epoch)

    def _warmup_factor_at_iter(self, it):
        if it >= self.warmup_iters:
            return 1.0
        alpha = it / self.warmup_iters
        return self.warmup_factor * (1 - alpha) + alpha

    def get_lr(self):
        warmup = self._warmup_factor_at_iter(self.last_epoch)
        decay = self.gamma ** bisect_right(self.milestones, self.last_epoch)
        return [base_lr * warmup * decay for base_lr in self.base_lrs]


def do_train(model, data_loader, optimizer, max_iter, steps):
    scheduler = WarmupMultiStepLR(optimizer, milestones=steps, gamma=0.1, warmup_iters=1000)
    model.train()
    for iteration, (images, targets) in enumerate(data_loader):
        if iteration >= max_iter:
            break
        loss_dict = model(images, targets)
        losses = sum(loss for loss in loss_dict.values())
        optimizer.zero_grad()
        losses.backward()
        optimizer.step()
        scheduler.step()
