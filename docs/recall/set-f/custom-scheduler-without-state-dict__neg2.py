import math


class CosineWithRestarts:
    """Cosine annealing with warm restarts; stepped once per epoch."""

    def __init__(self, opt, period, eta_min=0.0, mult=2):
        self.opt = opt
        self.period = period
        self.eta_min = eta_min
        self.mult = mult
        self.base_lrs = [g["lr"] for g in opt.param_groups]
        self.t_cur = 0
        self.t_i = period

    def step(self):
        self.t_cur += 1
        if self.t_cur >= self.t_i:
            self.t_cur = 0
            self.t_i *= self.mult
        cos = 0.5 * (1 + math.cos(math.pi * self.t_cur / self.t_i))
        for g, base in zip(self.opt.param_groups, self.base_lrs):
            g["lr"] = self.eta_min + (base - self.eta_min) * cos

    def state_dict(self):
        return {k: v for k, v in self.__dict__.items() if k != "opt"}

    def load_state_dict(self, state):
        self.__dict__.update(state)
