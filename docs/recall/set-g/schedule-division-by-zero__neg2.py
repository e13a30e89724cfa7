import math

import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupCosine(LRScheduler):
    def __init__(self, optimizer, warmup_steps, total_steps, floor=0.0, last_epoch=-1):
        if total_steps <= 0:
            raise ValueError(f"total_steps must be positive, got {total_steps}")
        if not 0 <= warmup_steps < total_steps:
            raise ValueError(f"need 0 <= warmup_steps < total_steps, got {warmup_steps}, {total_steps}")
        self.warm = warmup_steps
        self.total = total_steps
        self.floor = floor
        super().__init__(optimizer, last_epoch)

    def _scale(self, t):
        if t < self.warm:
            return (t + 1) / self.warm
        progress = min(1.0, (t - self.warm) / (self.total - self.warm))
        return self.floor + (1.0 - self.floor) * 0.5 * (1.0 + math.cos(math.pi * progress))

    def get_lr(self):
        s = self._scale(self.last_epoch)
        return [base * s for base in self.base_lrs]


def build(net, args):
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    sched = WarmupCosine(
        opt,
        warmup_steps=args.warmup_epochs * args.steps_per_epoch,
        total_steps=args.epochs * args.steps_per_epoch,
    )
    return opt, sched
