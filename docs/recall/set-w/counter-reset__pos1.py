import math

import torch


class CosineRestartLR:
    """Cosine annealing with periodic warm restarts, stepped once per epoch.

    Every ``period`` epochs the learning rate jumps back to its (optionally
    decayed) peak value and anneals down to ``eta_min`` again.
    """

    def __init__(self, optimizer: torch.optim.Optimizer, period: int,
                 eta_min: float = 1e-6, decay: float = 1.0):
        if period <= 0:
            raise ValueError("period must be positive")
        self.optimizer = optimizer
        self.period = period
        self.eta_min = eta_min
        self.decay = decay
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.iters = -1
        self.cycle = 0

    def step(self):
        self.iters = 1
        t = self.iters % self.period
        if t == 0 and self.iters > 0:
            self.cycle += 1
        scale = self.decay ** self.cycle
        cos_f = (1.0 + math.cos(math.pi * t / self.period)) / 2.0
        lrs = []
        for group, base in zip(self.optimizer.param_groups, self.base_lrs):
            lr = self.eta_min + (scale * base - self.eta_min) * cos_f
            group["lr"] = lr
            lrs.append(lr)
        return lrs

    def state_dict(self):
        return {"iters": self.iters, "cycle": self.cycle, "base_lrs": list(self.base_lrs)}

    def load_state_dict(self, state):
        self.iters = state["iters"]
        self.cycle = state["cycle"]
        self.base_lrs = list(state["base_lrs"])
