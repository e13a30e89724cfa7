from bisect import bisect_right

from torch.optim.lr_scheduler import LRScheduler


class WarmupMultiStepLR(LRScheduler):
    def __init__(self, optimizer, milestones=(30, 60, 90), gamma=0.1, warmup_factor=1e-3,
                 warmup_iters=500, last_epoch=-1):
        self.milestones = sorted(milestones)
        if list(milestones) != self.milestones:
            raise ValueError(f"milestones should be increasing, got {milestones}")
        self.gamma = gamma
        self.warmup_factor = warmup_factor
        self.warmup_iters = warmup_iters
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        factor = 1.0
        if self.last_epoch < self.warmup_iters:
            alpha = self.last_epoch / max(1, self.warmup_iters)
            factor = self.warmup_factor * (1 - alpha) + alpha
        decay = self.gamma ** bisect_right(self.milestones, self.last_epoch)
        return [base_lr * factor * decay for base_lr in self.base_lrs]
