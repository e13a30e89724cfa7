import math

import torch


class WarmupCosineSchedule:
    """Linear warm-up followed by cosine decay, stepped once per iteration."""

    def __init__(self, optimizer, warmup_iters, total_iters, min_ratio=0.0):
        self.optimizer = optimizer
        self.warmup_iters = warmup_iters
        self.total_iters = total_iters
        self.min_ratio = min_ratio
        self.base_lrs = [group["lr"] for group in optimizer.param_groups]
        self.last_iter = 0
        self._apply(self.last_iter)

    def _factor(self, it):
        if self.warmup_iters > 0 and it < self.warmup_iters:
            return (it + 1) / self.warmup_iters
        span = max(1, self.total_iters - self.warmup_iters)
        progress = min(1.0, (it - self.warmup_iters) / span)
        cosine = 0.5 * (1.0 + math.cos(math.pi * progress))
        return self.min_ratio + (1.0 - self.min_ratio) * cosine

    def _apply(self, it):
        f = self._factor(it)
        for group, base in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = base * f

    def step(self):
        self.last_iter += 1
        self._apply(self.last_iter)

    def current_lrs(self):
        return [group["lr"] for group in self.optimizer.param_groups]


def make_optimizer(model, cfg, iters_per_epoch):
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        (no_decay if p.ndim <= 1 or name.endswith(".bias") else decay).append(p)
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": cfg.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=cfg.lr,
    )
    sched = WarmupCosineSchedule(
        opt,
        warmup_iters=cfg.warmup_epochs * iters_per_epoch,
        total_iters=cfg.epochs * iters_per_epoch,
    )
    return opt, sched
