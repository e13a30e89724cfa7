from bisect import bisect_right

from torch.optim.lr_scheduler import LRScheduler


class WarmupMultiStepLR(LRScheduler):
    def __init__(self, optimizer, milestones=None, gamma=0.1, warmup_iters=500, warmup_factor=0.001, last_epoch=-1):
        self.milestones = sorted(milestones) if milestones is not None else [30, 60, 90]
        self.gamma = gamma
        self.warmup_iters = warmup_iters
        self.warmup_factor = warmup_factor
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        if self.last_epoch < self.warmup_iters:
            alpha = (self.last_epoch + 1) / self.warmup_iters
            w = self.warmup_factor * (1 - alpha) + alpha
        else:
            w = 1.0
        decay = self.gamma ** bisect_right(self.milestones, self.last_epoch)
        return [base_lr * w * decay for base_lr in self.base_lrs]


def build_lr_scheduler(optimizer, cfg):
    steps = [int(s * cfg["iters_per_epoch"]) for s in cfg["decay_epochs"]]
    return WarmupMultiStepLR(optimizer, steps, gamma=cfg.get("gamma", 0.1), warmup_iters=cfg.get("warmup_iters", 500))
