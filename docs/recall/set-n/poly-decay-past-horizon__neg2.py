import torch
from torch.optim.lr_scheduler import LRScheduler


class PolyLR(LRScheduler):
    """Polynomial decay that holds the final value once ``max_iters`` is reached."""

    def __init__(self, optimizer, max_iters, power=0.9, min_lr=1e-6, last_epoch=-1):
        self.max_iters = max(1, int(max_iters))
        self.power = power
        self.min_lr = min_lr
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        t = min(self.last_epoch, self.max_iters)
        factor = (1.0 - t / self.max_iters) ** self.power
        return [max(base_lr * factor, self.min_lr) for base_lr in self.base_lrs]


def build(model, cfg):
    opt = torch.optim.SGD(model.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=cfg.wd)
    sched = PolyLR(opt, max_iters=cfg.max_iters, power=cfg.power)
    return opt, sched


def train(model, loader, cfg):
    opt, sched = build(model, cfg)
    model.train()
    for epoch in range(cfg.epochs):
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(model(x), y, ignore_index=255)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
