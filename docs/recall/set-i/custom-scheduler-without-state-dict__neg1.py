import math


class CosineWithWarmup:
    def __init__(self, optimizer, warmup_steps, max_steps, final_lr_ratio=0.01):
        self.optimizer = optimizer
        self.warmup_steps = warmup_steps
        self.max_steps = max(max_steps, warmup_steps + 1)
        self.final_lr_ratio = final_lr_ratio
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.num_steps = 0
        self._update()

    def _ratio(self):
        n = self.num_steps
        if n < self.warmup_steps:
            return (n + 1) / self.warmup_steps
        frac = min(1.0, (n - self.warmup_steps) / (self.max_steps - self.warmup_steps))
        return self.final_lr_ratio + (1 - self.final_lr_ratio) * 0.5 * (1 + math.cos(math.pi * frac))

    def _update(self):
        r = self._ratio()
        for g, base in zip(self.optimizer.param_groups, self.base_lrs):
            g["lr"] = base * r

    def step(self):
        self.num_steps += 1
        self._update()

    def state_dict(self):
        return {key: value for key, value in self.__dict__.items() if key != "optimizer"}

    def load_state_dict(self, state):
        self.__dict__.update(state)
        self._update()
