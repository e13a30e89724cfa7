from torch.optim.lr_scheduler import LRScheduler


class WarmupPolyLR(LRScheduler):
    """Linear warm-up then polynomial decay; counts iterations in last_epoch."""

    def __init__(self, optimizer, warmup_iters, max_iters, power=0.9, warmup_ratio=0.1, last_epoch=-1):
        self.warmup_iters = warmup_iters
        self.max_iters = max_iters
        self.power = power
        self.warmup_ratio = warmup_ratio
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        it = self.last_epoch
        if it < self.warmup_iters:
            alpha = (it + 1) / self.warmup_iters
            factor = self.warmup_ratio * (1 - alpha) + alpha
        else:
            progress = min(it, self.max_iters) / self.max_iters
            factor = (1 - progress) ** self.power
        return [base_lr * factor for base_lr in self.base_lrs]


def build_scheduler(optimizer, cfg):
    return WarmupPolyLR(
        optimizer,
        warmup_iters=cfg.SOLVER.WARMUP_ITERS,
        max_iters=cfg.SOLVER.MAX_ITER,
        power=cfg.SOLVER.POLY_POWER,
    )
