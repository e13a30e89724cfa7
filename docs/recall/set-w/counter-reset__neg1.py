import math

import torch


class WarmRestartCosine:
    """SGDR: cosine annealing whose period grows by ``t_mult`` after every
    restart. Call ``step()`` once per iteration."""

    def __init__(self, optimizer: torch.optim.Optimizer, t_0: int, t_mult: int = 2,
                 eta_min: float = 0.0):
        if t_0 <= 0 or t_mult < 1:
            raise ValueError("t_0 must be positive and t_mult >= 1")
        self.optimizer = optimizer
        self.t_i = t_0
        self.t_mult = t_mult
        self.eta_min = eta_min
        self.t_cur = 0
        self.restarts = 0
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]

    def step(self):
        self.t_cur += 1
        if self.t_cur >= self.t_i:
            # start a new, longer cycle
            self.t_cur = 0
            self.t_i *= self.t_mult
            self.restarts += 1
        cos_f = 0.5 * (1.0 + math.cos(math.pi * self.t_cur / self.t_i))
        for g, base in zip(self.optimizer.param_groups, self.base_lrs):
            g["lr"] = self.eta_min + (base - self.eta_min) * cos_f

    def get_last_lr(self):
        return [g["lr"] for g in self.optimizer.param_groups]

    def state_dict(self):
        return {k: v for k, v in self.__dict__.items() if k != "optimizer"}

    def load_state_dict(self, state):
        self.__dict__.update(state)
