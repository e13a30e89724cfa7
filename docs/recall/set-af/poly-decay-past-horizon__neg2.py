import torch
from torch.optim.lr_scheduler import LRScheduler


class PolyLR(LRScheduler):
    """Polynomial decay to `min_lr`; the rate is held at `min_lr` past `max_iters`."""

    def __init__(self, optimizer, max_iters, power=0.9, min_lr=0.0, last_epoch=-1):
        self.max_iters = max_iters
        self.power = power
        self.min_lr = min_lr
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        t = min(self.last_epoch, self.max_iters)
        coeff = (1 - t / self.max_iters) ** self.power
        return [self.min_lr + (base_lr - self.min_lr) * coeff for base_lr in self.base_lrs]


def train(model, loader, epochs, lr=0.01):
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    sched = PolyLR(opt, max_iters=epochs * len(loader), power=0.9, min_lr=1e-6)
    for epoch in range(epochs):
        model.train()
        for img, mask in loader:
            out = model(img.cuda())
            loss = torch.nn.functional.cross_entropy(out, mask.cuda(), ignore_index=255)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {epoch}: lr={sched.get_last_lr()[0]:.6f}")
    return model
