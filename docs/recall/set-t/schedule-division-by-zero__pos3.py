from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import LRScheduler


@dataclass
class TrainConfig:
    lr: float = 1e-3
    final_lr_ratio: float = 0.05
    num_epochs: int = 10
    weight_decay: float = 0.01


class LinearToFloor(LRScheduler):
    """Linearly interpolates from the base LR at epoch 0 to
    base * final_ratio at the last epoch."""

    def __init__(self, optimizer, num_epochs, final_ratio, last_epoch=-1):
        self.num_epochs = num_epochs
        self.final_ratio = final_ratio
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        frac = min(self.last_epoch, self.num_epochs - 1) / (self.num_epochs - 1)
        scale = 1.0 - frac * (1.0 - self.final_ratio)
        return [base * scale for base in self.base_lrs]


def setup(net, cfg: TrainConfig):
    opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    sched = LinearToFloor(opt, cfg.num_epochs, cfg.final_lr_ratio)
    return opt, sched


def fit(net, loader, cfg: TrainConfig):
    opt, sched = setup(net, cfg)
    for epoch in range(cfg.num_epochs):
        net.train()
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
