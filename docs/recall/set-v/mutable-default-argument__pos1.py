from bisect import bisect_right

from torch.optim.lr_scheduler import LRScheduler


class WarmupMultiStepLR(LRScheduler):
    def __init__(self, optimizer, milestones=[30, 60, 90], gamma=0.1, warmup_iters=500, warmup_factor=0.001, last_epoch=-1):
        milestones.sort()
        self.milestones = milestones
        self.gamma = gamma
        self.warmup_iters = warmup_iters
        self.warmup_factor = warmup_factor
        super().__init__(optimizer, last_epoch)

    def _warmup(self):
        if self.last_epoch >= self.warmup_iters:
            return 1.0
        alpha = (self.last_epoch + 1) / self.warmup_iters
        return self.warmup_factor * (1 - alpha) + alpha

    def get_lr(self):
        decay = self.gamma ** bisect_right(self.milestones, self.last_epoch)
        w = self._warmup()
        return [base_lr * w * decay for base_lr in self.base_lrs]


def build_lr_scheduler(optimizer, cfg):
    steps = [int(s * cfg["iters_per_epoch"]) for s in cfg["decay_epochs"]]
    return WarmupMultiStepLR(optimizer, steps, gamma=cfg.get("gamma", 0.1), warmup_iters=cfg.get("warmup_iters", 500))
