import math

import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupCosineLR(LRScheduler):
    def __init__(self, optimizer, max_iters, warmup_iters=1000, eta_min=0.0, last_epoch=-1):
        self.max_iters = max_iters
        self.warmup_iters = warmup_iters
        self.eta_min = eta_min
        super().__init__(optimizer, last_epoch)

    def _cos_out(self):
        t = min(self.last_epoch - self.warmup_iters, self.max_iters - self.warmup_iters)
        T = max(1, self.max_iters - self.warmup_iters)
        return 0.5 * (1.0 - math.cos(math.pi * t / T))

    def get_lr(self):
        if self.last_epoch < self.warmup_iters:
            ramp = (self.last_epoch + 1) / self.warmup_iters
            return [base * ramp for base in self.base_lrs]
        cos_out = self._cos_out()
        return [self.eta_min + (base - self.eta_min) * cos_out for base in self.base_lrs]


def make(net, cfg):
    opt = torch.optim.AdamW(net.parameters(), lr=cfg.SOLVER.BASE_LR,
                            weight_decay=cfg.SOLVER.WEIGHT_DECAY)
    sched = WarmupCosineLR(opt, cfg.SOLVER.MAX_ITER, cfg.SOLVER.WARMUP_ITERS)
    return opt, sched
