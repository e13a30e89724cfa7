import math

import torch


class WarmupCosineLR:
    """Linear warm-up followed by cosine decay, stepped once per iteration."""

    def __init__(self, optimizer, warmup_iters, total_iters, min_lr=0.0):
        self.optimizer = optimizer
        self.warmup_iters = warmup_iters
        self.total_iters = total_iters
        self.min_lr = min_lr
        self.base_lrs = [group["lr"] for group in optimizer.param_groups]
        self.last_iter = 0
        self._apply(self.last_iter)

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
        return [group["lr"] for group in self.optimizer.param_groups]


def build_optim(model, lr, iters_per_epoch, epochs):
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.05)
    sched = WarmupCosineLR(opt, warmup_iters=5 * iters_per_epoch, total_iters=epochs * iters_per_epoch)
    return opt, sched
