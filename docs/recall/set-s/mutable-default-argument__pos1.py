import math

from torch.optim.lr_scheduler import LRScheduler


class CosineWithRestarts(LRScheduler):
    def __init__(self, optimizer, epochs, restarts=[], decay=0.5, eta_min=0.0, last_epoch=-1):
        restarts.append(epochs)
        restarts.sort()
        self.bounds = [0] + restarts
        self.decay = decay
        self.eta_min = eta_min
        super().__init__(optimizer, last_epoch)

    def _segment(self, t):
        for k in range(len(self.bounds) - 1):
            lo, hi = self.bounds[k], self.bounds[k + 1]
            if t < hi:
                return k, t - lo, hi - lo
        k = len(self.bounds) - 2
        return k, self.bounds[-1] - self.bounds[-2], self.bounds[-1] - self.bounds[-2]

    def get_lr(self):
        k, pos, length = self._segment(self.last_epoch)
        peak = self.decay ** k
        cos_f = 0.5 * (1 + math.cos(math.pi * pos / max(1, length)))
        return [self.eta_min + (base - self.eta_min) * peak * cos_f for base in self.base_lrs]
