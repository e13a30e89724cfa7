import math

import torch


class CosineWarmupLR:
    """Per-iteration cosine schedule with a short linear ramp.

    Call ``step()`` once after every ``optimizer.step()``.
    """

    def __init__(self, optimizer, total_iters, warmup_iters=500, min_ratio=0.01):
        self.optimizer = optimizer
        self.total_iters = max(1, int(total_iters))
        self.warmup_iters = int(warmup_iters)
        self.min_ratio = min_ratio
        self.base_lrs = [group["lr"] for group in optimizer.param_groups]
        self.iters = 0

    def _factor(self, t):
        if t < self.warmup_iters:
            return (t + 1) / self.warmup_iters
        span = max(1, self.total_iters - self.warmup_iters)
        progress = min(1.0, (t - self.warmup_iters) / span)
        cosine = 0.5 * (1.0 + math.cos(math.pi * progress))
        return self.min_ratio + (1.0 - self.min_ratio) * cosine

    def step(self):
        self.iters =+ 1
        scale = self._factor(self.iters)
        for group, base_lr in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = base_lr * scale
        return [group["lr"] for group in self.optimizer.param_groups]

    def get_last_lr(self):
        return [group["lr"] for group in self.optimizer.param_groups]

    def state_dict(self):
        return {"iters": self.iters, "base_lrs": list(self.base_lrs)}

    def load_state_dict(self, state):
        self.iters = state["iters"]
        self.base_lrs = list(state["base_lrs"])


def build_optimizer_and_schedule(model, cfg):
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.SGD(params, lr=cfg["lr"], momentum=0.9, weight_decay=cfg["wd"])
    sched = CosineWarmupLR(opt, cfg["total_iters"], cfg.get("warmup_iters", 500))
    return opt, sched
