import math

import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupCosineSchedule(LRScheduler):
    def __init__(self, optimizer, warmup_steps, t_total, cycles=0.5, last_epoch=-1):
        self.warmup_steps = warmup_steps
        self.t_total = t_total
        self.cycles = cycles
        super().__init__(optimizer, last_epoch)

    def _multiplier(self, step):
        if step < self.warmup_steps:
            return float(step + 1) / float(max(1, self.warmup_steps))
        progress = float(step - self.warmup_steps) / float(max(1, self.t_total - self.warmup_steps))
        progress = min(progress, 1.0)
        return max(0.0, 0.5 * (1.0 + math.cos(math.pi * float(self.cycles) * 2.0 * progress)))

    def get_lr(self):
        m = self._multiplier(self.last_epoch)
        return [base_lr * m for base_lr in self.base_lrs]


def build(model, lr, steps):
    opt = torch.optim.AdamW(model.parameters(), lr=lr)
    return opt, WarmupCosineSchedule(opt, warmup_steps=steps // 20, t_total=steps)
