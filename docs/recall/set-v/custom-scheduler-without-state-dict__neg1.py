import torch


class LinearWarmupExpDecay:
    """Per-iteration schedule: linear ramp, then exponential decay."""

    def __init__(self, optimizer, warmup_steps, gamma=0.9999):
        self.optimizer = optimizer
        self.warmup_steps = warmup_steps
        self.gamma = gamma
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.step_count = 0
        self._set(0)

    def _factor(self, n):
        if n < self.warmup_steps:
            return (n + 1) / self.warmup_steps
        return self.gamma ** (n - self.warmup_steps)

    def _set(self, n):
        f = self._factor(n)
        for g, base in zip(self.optimizer.param_groups, self.base_lrs):
            g["lr"] = base * f

    def step(self):
        self.step_count += 1
        self._set(self.step_count)

    def state_dict(self):
        return {k: v for k, v in self.__dict__.items() if k != "optimizer"}

    def load_state_dict(self, state):
        self.__dict__.update(state)
        self._set(self.step_count)


def build(model, lr=3e-4, warmup_steps=1000):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    return opt, LinearWarmupExpDecay(opt, warmup_steps)
