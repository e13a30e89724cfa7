import math


class WarmupCosineSchedule:
    """Linear warm-up followed by cosine decay, stepped once per iteration."""

    def __init__(self, optimizer, warmup_steps, total_steps, min_lr=0.0):
        self.optimizer = optimizer
        self.warmup_steps = warmup_steps
        self.total_steps = total_steps
        self.min_lr = min_lr
        self.base_lrs = [group["lr"] for group in optimizer.param_groups]
        self.last_step = 0
        self._apply(0)

    def _factor(self, step):
        if step < self.warmup_steps:
            return (step + 1) / self.warmup_steps
        span = max(1, self.total_steps - self.warmup_steps)
        progress = min(1.0, (step - self.warmup_steps) / span)
        return 0.5 * (1.0 + math.cos(math.pi * progress))

    def _apply(self, step):
        f = self._factor(step)
        for group, base in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = self.min_lr + (base - self.min_lr) * f

    def step(self):
        self.last_step += 1
        self._apply(self.last_step)

    def get_last_lr(self):
        return [group["lr"] for group in self.optimizer.param_groups]
