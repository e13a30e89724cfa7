import math


class WarmupCosine:
    """Per-iteration linear warm-up then cosine decay to `final_lr`."""

    def __init__(self, optimizer, n_warm, n_total, final_lr=0.0):
        self.optimizer = optimizer
        self.n_warm = n_warm
        self.n_total = n_total
        self.final_lr = final_lr
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.num_steps = 0
        self._set(self._lrs(0))

    def _lrs(self, t):
        if t < self.n_warm:
            scale = (t + 1) / self.n_warm
            return [b * scale for b in self.base_lrs]
        horizon = max(1, self.n_total - self.n_warm)
        frac = min(1.0, (t - self.n_warm) / horizon)
        cos_term = 0.5 * (1.0 + math.cos(math.pi * frac))
        return [self.final_lr + (b - self.final_lr) * cos_term for b in self.base_lrs]

    def _set(self, lrs):
        for g, lr in zip(self.optimizer.param_groups, lrs):
            g["lr"] = lr

    def step(self):
        self.num_steps += 1
        self._set(self._lrs(self.num_steps))

    def state_dict(self):
        return {k: v for k, v in self.__dict__.items() if k != "optimizer"}

    def load_state_dict(self, state):
        self.__dict__.update(state)
        self._set(self._lrs(self.num_steps))

    def get_last_lr(self):
        return [g["lr"] for g in self.optimizer.param_groups]
