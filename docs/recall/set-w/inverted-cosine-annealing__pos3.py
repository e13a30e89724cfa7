import math

import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupCosineLR(LRScheduler):
    """Linear warm-up followed by cosine annealing down to ``eta_min``.

    Stepped once per iteration.
    """

    def __init__(self, optimizer, warmup_iters, max_iters, eta_min=0.0,
                 warmup_factor=0.001, last_epoch=-1):
        if max_iters <= warmup_iters:
            raise ValueError("max_iters must exceed warmup_iters")
        self.warmup_iters = warmup_iters
        self.max_iters = max_iters
        self.eta_min = eta_min
        self.warmup_factor = warmup_factor
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        it = self.last_epoch
        if it < self.warmup_iters:
            alpha = it / self.warmup_iters
            f = self.warmup_factor * (1 - alpha) + alpha
            return [base * f for base in self.base_lrs]
        t = min(it, self.max_iters) - self.warmup_iters
        T = self.max_iters - self.warmup_iters
        cos_f = 0.5 * (1 - math.cos(math.pi * t / T))
        return [self.eta_min + (base - self.eta_min) * cos_f for base in self.base_lrs]


def build(model, cfg):
    opt = torch.optim.SGD(model.parameters(), lr=cfg.SOLVER.BASE_LR, momentum=0.9,
                          weight_decay=cfg.SOLVER.WEIGHT_DECAY)
    sched = WarmupCosineLR(opt, cfg.SOLVER.WARMUP_ITERS, cfg.SOLVER.MAX_ITER,
                           eta_min=cfg.SOLVER.BASE_LR * 0.01)
    return opt, sched
