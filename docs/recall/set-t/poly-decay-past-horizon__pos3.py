import torch
from torch.optim.lr_scheduler import _LRScheduler


class PolyLR(_LRScheduler):
    def __init__(self, optimizer, max_iters, power=0.9, min_lr=1e-6, last_epoch=-1):
        self.power = power
        self.max_iters = max_iters
        self.min_lr = min_lr
        super(PolyLR, self).__init__(optimizer, last_epoch)

    def _decay(self):
        return (1 - self.last_epoch / self.max_iters) ** self.power

    def get_lr(self):
        factor = self._decay()
        return [max(base_lr * factor, self.min_lr) for base_lr in self.base_lrs]


def build_solver(model, cfg, iters_per_epoch):
    optimizer = torch.optim.SGD(model.parameters(), lr=cfg["base_lr"], momentum=0.9,
                                weight_decay=cfg["weight_decay"])
    scheduler = PolyLR(optimizer, max_iters=cfg["epochs"] * iters_per_epoch,
                       power=cfg.get("power", 0.9))
    return optimizer, scheduler


def train(model, loader, cfg):
    optimizer, scheduler = build_solver(model, cfg, len(loader))
    model.train()
    for epoch in range(cfg["epochs"]):
        for step, (x, y) in enumerate(loader):
            loss = model(x.cuda(), y.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
