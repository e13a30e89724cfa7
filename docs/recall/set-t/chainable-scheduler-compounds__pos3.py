import math

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class DampedCosineLR(CosineAnnealingLR):
    """Cosine annealing whose amplitude shrinks slowly with the step count."""

    def __init__(self, optimizer, T_max, eta_min=0.0, damping=1e-4, last_epoch=-1):
        self.damping = damping
        super().__init__(optimizer, T_max, eta_min=eta_min, last_epoch=last_epoch)

    def _scale(self):
        return math.exp(-self.damping * max(self.last_epoch, 0))

    def _apply_scale(self, lrs):
        s = self._scale()
        return [max(self.eta_min, lr * s) for lr in lrs]

    def get_lr(self):
        lrs = super().get_lr()
        return self._apply_scale(lrs)


def setup(policy, args):
    opt = torch.optim.Adam(policy.parameters(), lr=args.lr)
    sched = DampedCosineLR(opt, T_max=args.total_updates, eta_min=args.lr * 0.05,
                           damping=args.damping)
    return opt, sched
