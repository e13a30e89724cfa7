import math

import torch


class WarmupCosineLR:
    """Linear warm-up followed by cosine decay, stepped once per iteration."""

    def __init__(self, optimizer, warmup_iters, max_iters, min_lr=1e-6):
        self.optimizer = optimizer
        self.warmup_iters = warmup_iters
        self.max_iters = max_iters
        self.min_lr = min_lr
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.last_iter = 0
        self._apply(0)

    def _factor(self, it):
        if it < self.warmup_iters:
            return (it + 1) / self.warmup_iters
        t = (it - self.warmup_iters) / max(1, self.max_iters - self.warmup_iters)
        return 0.5 * (1.0 + math.cos(math.pi * min(t, 1.0)))

    def _apply(self, it):
        f = self._factor(it)
        for group, base in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = self.min_lr + (base - self.min_lr) * f

    def step(self):
        self.last_iter += 1
        self._apply(self.last_iter)

    def get_last_lr(self):
        return [g["lr"] for g in self.optimizer.param_groups]

    def state_dict(self):
        return {k: v for k, v in self.__dict__.items() if k != "optimizer"}

    def load_state_dict(self, state_dict):
        self.__dict__.update(state_dict)
        self._apply(self.last_iter)


def build_optim(model, cfg):
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    sched = WarmupCosineLR(opt, cfg.warmup_iters, cfg.max_iters)
    return opt, sched
