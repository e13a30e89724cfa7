import math

import torch


class WarmupCosineSchedule:
    """Linear warm-up followed by cosine decay, stepped once per iteration."""

    def __init__(self, optimizer, warmup_iters, total_iters, min_lr=0.0):
        self.optimizer = optimizer
        self.warmup_iters = warmup_iters
        self.total_iters = total_iters
        self.min_lr = min_lr
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.last_iter = 0
        self._apply(0)

    def _factor(self, it):
        if it < self.warmup_iters:
            return (it + 1) / self.warmup_iters
        span = max(1, self.total_iters - self.warmup_iters)
        progress = min(1.0, (it - self.warmup_iters) / span)
        return 0.5 * (1.0 + math.cos(math.pi * progress))

    def _apply(self, it):
        f = self._factor(it)
        for group, base in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = self.min_lr + (base - self.min_lr) * f

    def step(self):
        self.last_iter += 1
        self._apply(self.last_iter)

    def get_last_lr(self):
        return [g["lr"] for g in self.optimizer.param_groups]


def build_optim(model, cfg, iters_per_epoch):
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        (no_decay if p.ndim <= 1 or name.endswith(".bias") else decay).append(p)
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": cfg.weight_decay},
         {"params": no_decay, "weight_decay": 0.0}],
        lr=cfg.lr, betas=(0.9, 0.95))
    sched = WarmupCosineSchedule(opt, cfg.warmup_epochs * iters_per_epoch,
                                 cfg.epochs * iters_per_epoch, min_lr=cfg.min_lr)
    return opt, sched
