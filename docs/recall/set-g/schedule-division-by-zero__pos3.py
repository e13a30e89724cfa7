import math

import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupCosine(LRScheduler):
    def __init__(self, optimizer, warmup_steps, total_steps, floor=0.0, last_epoch=-1):
        self.warm = warmup_steps
        self.total = total_steps
        self.floor = floor
        self.decay_len = self.total - self.warm
        super().__init__(optimizer, last_epoch)

    def _scale(self, t):
        if t < self.warm:
            return (t + 1) / self.warm
        progress = min(1.0, (t - self.warm) / self.decay_len)
        return self.floor + (1.0 - self.floor) * 0.5 * (1.0 + math.cos(math.pi * progress))

    def get_lr(self):
        s = self._scale(self.last_epoch)
        return [base * s for base in self.base_lrs]


def build(net, args):
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    steps_per_epoch = args.steps_per_epoch
    sched = WarmupCosine(
        opt,
        warmup_steps=args.warmup_epochs * steps_per_epoch,
        total_steps=args.epochs * steps_per_epoch,
    )
    return opt, sched
