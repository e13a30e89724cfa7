import math

import torch


class WarmupCosineLR:
    """Linear warm-up followed by cosine decay; call ``step()`` once per iteration."""

    def __init__(self, optimizer, warmup_iters, max_iters, min_lr=1e-6):
        self.optimizer = optimizer
        self.warmup_iters = warmup_iters
        self.max_iters = max_iters
        self.min_lr = min_lr
        self.base_lrs = [group["lr"] for group in optimizer.param_groups]
        self.last_iter = 0
        self.step()

    def _lr_at(self, it, base_lr):
        if it < self.warmup_iters:
            return base_lr * (it + 1) / self.warmup_iters
        span = max(1, self.max_iters - self.warmup_iters)
        progress = min(1.0, (it - self.warmup_iters) / span)
        return self.min_lr + (base_lr - self.min_lr) * 0.5 * (1.0 + math.cos(math.pi * progress))

    def step(self):
        for group, base_lr in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = self._lr_at(self.last_iter, base_lr)
        self.last_iter += 1

    def current_lrs(self):
        return [group["lr"] for group in self.optimizer.param_groups]


def build_optimizer(model, cfg):
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], weight_decay=cfg["weight_decay"])
    sched = WarmupCosineLR(opt, warmup_iters=cfg["warmup_iters"], max_iters=cfg["max_iters"])
    return opt, sched
