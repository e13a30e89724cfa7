import math

import torch


class WarmupCosineLR:
    """Linear warm-up followed by cosine decay, stepped once per iteration."""

    def __init__(self, optimizer, total_iters, warmup_iters=1000, min_lr=1e-6):
        self.optimizer = optimizer
        self.total_iters = total_iters
        self.warmup_iters = warmup_iters
        self.min_lr = min_lr
        self.base_lrs = [group["lr"] for group in optimizer.param_groups]
        self.last_iter = 0
        self._apply(0)

    def _lr_at(self, base_lr, it):
        if it < self.warmup_iters:
            return base_lr * (it + 1) / self.warmup_iters
        span = max(1, self.total_iters - self.warmup_iters)
        t = min(1.0, (it - self.warmup_iters) / span)
        return self.min_lr + 0.5 * (base_lr - self.min_lr) * (1.0 + math.cos(math.pi * t))

    def _apply(self, it):
        for group, base_lr in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = self._lr_at(base_lr, it)

    def step(self):
        self.last_iter += 1
        self._apply(self.last_iter)

    def get_last_lr(self):
        return [group["lr"] for group in self.optimizer.param_groups]


def build_optimizer(model, cfg):
    decay, no_decay = [], []
    for name, param in model.named_parameters():
        if not param.requires_grad:
            continue
        (no_decay if param.ndim <= 1 or name.endswith(".bias") else decay).append(param)
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": cfg.weight_decay},
         {"params": no_decay, "weight_decay": 0.0}],
        lr=cfg.base_lr,
        betas=(0.9, 0.999),
    )
    sched = WarmupCosineLR(opt, total_iters=cfg.max_iter, warmup_iters=cfg.warmup_iters)
    return opt, sched
