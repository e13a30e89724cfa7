import math

import torch


class WarmupCosineSchedule:
    """Linear warm-up followed by cosine decay, stepped once per iteration."""

    def __init__(self, optimizer, warmup_steps, total_steps, min_lr=0.0):
        self.optimizer = optimizer
        self.warmup_steps = warmup_steps
        self.total_steps = total_steps
        self.min_lr = min_lr
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.step_num = 0
        self._apply()

    def _factor(self):
        s = self.step_num
        if s < self.warmup_steps:
            return (s + 1) / self.warmup_steps
        span = max(1, self.total_steps - self.warmup_steps)
        progress = min(1.0, (s - self.warmup_steps) / span)
        return 0.5 * (1.0 + math.cos(math.pi * progress))

    def _apply(self):
        f = self._factor()
        for group, base in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = self.min_lr + (base - self.min_lr) * f

    def step(self):
        self.step_num += 1
        self._apply()

    def state_dict(self):
        return {k: v for k, v in self.__dict__.items() if k != "optimizer"}

    def load_state_dict(self, state):
        self.__dict__.update(state)
        self._apply()

    def get_last_lr(self):
        return [g["lr"] for g in self.optimizer.param_groups]


def build_optim(model, cfg):
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], weight_decay=cfg["wd"])
    sched = WarmupCosineSchedule(opt, cfg["warmup"], cfg["steps"])
    return opt, sched
