from bisect import bisect_right

import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupMultiStepLR(LRScheduler):
    def __init__(self, optimizer, milestones, gamma=0.1, warmup_factor=0.001,
                 warmup_iters=1000, last_epoch=-1):
        if list(milestones) != sorted(milestones):
            raise ValueError(f"Milestones should be increasing integers, got {milestones}")
        self.milestones = list(milestones)
        self.gamma = gamma
        self.warmup_factor = warmup_factor
        self.warmup_iters = warmup_iters
        super().__init__(optimizer, last_epoch)

    def _warmup_factor(self, it):
        if it >= self.warmup_iters:
            return 1.0
        alpha = it / self.warmup_iters
        return self.warmup_factor * (1 - alpha) + alpha

    def get_lr(self):
        wf = self._warmup_factor(self.last_epoch)
        decay = self.gamma ** bisect_right(self.milestones, self.last_epoch)
        return [base_lr * wf * decay for base_lr in self.base_lrs]


def build(model, cfg):
    opt = torch.optim.SGD(model.parameters(), lr=cfg.SOLVER.BASE_LR, momentum=0.9,
                          weight_decay=cfg.SOLVER.WEIGHT_DECAY)
    sched = WarmupMultiStepLR(opt, cfg.SOLVER.STEPS, cfg.SOLVER.GAMMA,
                              warmup_iters=cfg.SOLVER.WARMUP_ITERS)
    return opt, sched
