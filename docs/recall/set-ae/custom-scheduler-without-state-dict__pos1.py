import math

import torch


class WarmupCosineLR:
    """Linear warm-up followed by cosine decay; call ``step()`` once per iteration."""

    def __init__(self, optimizer, warmup_iters, max_iters, min_lr=0.0):
        self.optimizer = optimizer
        self.warmup_iters = warmup_iters
        self.max_iters = max_iters
        self.min_lr = min_lr
        self.base_lrs = [group["lr"] for group in optimizer.param_groups]
        self.last_iter = 0
        self._set_lr(self.last_iter)

    def _factor(self, it):
        if it < self.warmup_iters:
            return (it + 1) / self.warmup_iters
        t = min(it, self.max_iters) - self.warmup_iters
        span = max(1, self.max_iters - self.warmup_iters)
        return 0.5 * (1.0 + math.cos(math.pi * t / span))

    def _set_lr(self, it):
        f = self._factor(it)
        for group, base in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = self.min_lr + (base - self.min_lr) * f

    def step(self):
        self.last_iter += 1
        self._set_lr(self.last_iter)

    def get_last_lr(self):
        return [group["lr"] for group in self.optimizer.param_groups]


def build_scheduler(cfg, optimizer, iters_per_epoch):
    return WarmupCosineLR(
        optimizer,
        warmup_iters=cfg.SOLVER.WARMUP_EPOCHS * iters_per_epoch,
        max_iters=cfg.SOLVER.MAX_EPOCHS * iters_per_epoch,
        min_lr=cfg.SOLVER.MIN_LR,
    )


def build_optimizer(cfg, model):
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        (no_decay if p.ndim <= 1 or name.endswith(".bias") else decay).append(p)
    return torch.optim.AdamW(
        [{"params": decay, "weight_decay": cfg.SOLVER.WEIGHT_DECAY},
         {"params": no_decay, "weight_decay": 0.0}],
        lr=cfg.SOLVER.BASE_LR,
    )
