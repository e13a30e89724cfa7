import math


class LinearWarmupCosine:
    """Per-iteration warm-up + cosine schedule that can be checkpointed."""

    def __init__(self, optimizer, warmup_steps, total_steps, final_ratio=0.01):
        self.optimizer = optimizer
        self.warmup_steps = warmup_steps
        self.total_steps = total_steps
        self.final_ratio = final_ratio
        self.base_lrs = [pg["lr"] for pg in optimizer.param_groups]
        self.step_num = 0
        self._apply()

    def _multiplier(self):
        s = self.step_num
        if s < self.warmup_steps:
            return (s + 1) / self.warmup_steps
        frac = min(1.0, (s - self.warmup_steps) / max(1, self.total_steps - self.warmup_steps))
        return self.final_ratio + (1 - self.final_ratio) * 0.5 * (1 + math.cos(math.pi * frac))

    def _apply(self):
        m = self._multiplier()
        for pg, base in zip(self.optimizer.param_groups, self.base_lrs):
            pg["lr"] = base * m

    def step(self):
        self.step_num += 1
        self._apply()

    def get_last_lr(self):
        return [pg["lr"] for pg in self.optimizer.param_groups]

    def state_dict(self):
        return {k: v for k, v in self.__dict__.items() if k != "optimizer"}

    def load_state_dict(self, state):
        self.__dict__.update(state)
        self._apply()
