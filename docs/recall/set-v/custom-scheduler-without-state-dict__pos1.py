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
        self._apply(0)

    def _lr_at(self, base_lr, it):
        if it < self.warmup_iters:
            return base_lr * (it + 1) / self.warmup_iters
        decay_len = max(1, self.total_iters - self.warmup_iters)
        t = min(it - self.warmup_iters, decay_len) / decay_len
        return self.min_lr + 0.5 * (base_lr - self.min_lr) * (1 + math.cos(math.pi * t))

    def _apply(self, it):
        for group, base_lr in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = self._lr_at(base_lr, it)

    def step(self):
        self.last_iter += 1
        self._apply(self.last_iter)

    def get_last_lr(self):
        return [group["lr"] for group in self.optimizer.param_groups]


def build_optimizer_and_schedule(model, cfg):
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], weight_decay=cfg["wd"])
    schedule = WarmupCosineLR(opt, cfg["warmup_iters"], cfg["total_iters"], min_lr=cfg.get("min_lr", 0.0))
    return opt, schedule
