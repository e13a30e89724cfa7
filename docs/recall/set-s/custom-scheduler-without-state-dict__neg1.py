import math


class LinearWarmupCosine:
    def __init__(self, optimizer, warmup_iters, max_iters, final_ratio=0.01):
        self.optimizer = optimizer
        self.warmup_iters = warmup_iters
        self.max_iters = max_iters
        self.final_ratio = final_ratio
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.it = 0

    def _multiplier(self):
        if self.it < self.warmup_iters:
            return (self.it + 1) / self.warmup_iters
        t = min(1.0, (self.it - self.warmup_iters) / max(1, self.max_iters - self.warmup_iters))
        return self.final_ratio + (1 - self.final_ratio) * 0.5 * (1 + math.cos(math.pi * t))

    def step(self):
        m = self._multiplier()
        for g, base in zip(self.optimizer.param_groups, self.base_lrs):
            g["lr"] = base * m
        self.it += 1

    def state_dict(self):
        return {k: v for k, v in self.__dict__.items() if k != "optimizer"}

    def load_state_dict(self, state):
        self.__dict__.update(state)

    def get_last_lr(self):
        return [g["lr"] for g in self.optimizer.param_groups]
