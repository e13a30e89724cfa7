import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupPolyLR(LRScheduler):
    def __init__(self, optimizer, max_iters, warmup_iters=0, warmup_factor=0.001,
                 power=0.9, last_epoch=-1):
        self.max_iters = max(1, max_iters)
        self.warmup_iters = warmup_iters
        self.warmup_factor = warmup_factor
        self.power = power
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        it = self.last_epoch
        if it < self.warmup_iters:
            alpha = (it + 1) / self.warmup_iters
            factor = self.warmup_factor * (1.0 - alpha) + alpha
        else:
            progress = min(1.0, it / self.max_iters)
            factor = (1.0 - progress) ** self.power
        return [base_lr * factor for base_lr in self.base_lrs]


def build_solver(model, cfg, iters_per_epoch):
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.SGD(params, lr=cfg.SOLVER.BASE_LR, momentum=0.9,
                          weight_decay=cfg.SOLVER.WEIGHT_DECAY)
    sched = WarmupPolyLR(opt, max_iters=cfg.SOLVER.EPOCHS * iters_per_epoch,
                         warmup_iters=cfg.SOLVER.WARMUP_ITERS)
    return opt, sched
