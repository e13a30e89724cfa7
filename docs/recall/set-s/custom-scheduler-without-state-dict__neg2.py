import math

from torch.optim.lr_scheduler import LRScheduler


class WarmupPolyLR(LRScheduler):
    def __init__(self, optimizer, total_iters, power=1.0, warm_iters=500, warm_factor=1e-3, last_epoch=-1):
        self.total_iters = total_iters
        self.power = power
        self.warm_iters = warm_iters
        self.warm_factor = warm_factor
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        t = self.last_epoch
        if t < self.warm_iters:
            alpha = t / self.warm_iters
            scale = self.warm_factor * (1 - alpha) + alpha
        else:
            scale = math.pow(1 - min(t, self.total_iters) / self.total_iters, self.power)
        return [base_lr * scale for base_lr in self.base_lrs]
