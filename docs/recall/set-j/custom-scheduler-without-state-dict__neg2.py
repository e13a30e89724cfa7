"""Polynomial learning-rate policy with linear warm-up for the segmentation trainer."""
import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupPolyLR(LRScheduler):
    def __init__(self, optimizer, max_iters, power=0.9, warmup_iters=1000, last_epoch=-1):
        self.max_iters = max_iters
        self.power = power
        self.warmup_iters = warmup_iters
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        it = self.last_epoch
        if self.warmup_iters > 0:
            warm = min(1.0, (it + 1) / self.warmup_iters)
        else:
            warm = 1.0
        decay = max(0.0, 1.0 - it / self.max_iters) ** self.power
        return [base_lr * warm * decay for base_lr in self.base_lrs]


def make_solver(net, cfg):
    head_params = [p for n, p in net.named_parameters() if not n.startswith("backbone.")]
    body_params = [p for n, p in net.named_parameters() if n.startswith("backbone.")]
    opt = torch.optim.SGD(
        [
            {"params": body_params, "lr": cfg.SOLVER.BASE_LR},
            {"params": head_params, "lr": cfg.SOLVER.BASE_LR * 10},
        ],
        momentum=0.9,
        weight_decay=cfg.SOLVER.WEIGHT_DECAY,
    )
    poly = WarmupPolyLR(opt, max_iters=cfg.SOLVER.MAX_ITER, power=cfg.SOLVER.POWER,
                        warmup_iters=cfg.SOLVER.WARMUP_ITERS)
    return opt, poly

