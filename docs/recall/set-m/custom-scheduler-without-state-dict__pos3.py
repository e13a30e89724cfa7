import math


class CosineRestarts:
    """SGDR-style cosine annealing with warm restarts; the period grows by
    `mult` after every restart and the peak rate shrinks by `peak_decay`."""

    def __init__(self, optimizer, first_period, mult=2, eta_min=1e-6, peak_decay=1.0):
        if first_period <= 0:
            raise ValueError("first_period must be positive")
        self.optimizer = optimizer
        self.period = first_period
        self.mult = mult
        self.eta_min = eta_min
        self.peak_decay = peak_decay
        self.peaks = [g["lr"] for g in optimizer.param_groups]
        self.t_cur = 0
        self.cycle = 0

    def _restart(self):
        self.cycle += 1
        self.t_cur = 0
        self.period = self.period * self.mult
        self.peaks = [p * self.peak_decay for p in self.peaks]

    def step(self):
        self.t_cur += 1
        if self.t_cur >= self.period:
            self._restart()
        cos_term = 0.5 * (1 + math.cos(math.pi * self.t_cur / self.period))
        for group, peak in zip(self.optimizer.param_groups, self.peaks):
            group["lr"] = self.eta_min + (peak - self.eta_min) * cos_term

    @property
    def lr(self):
        return [group["lr"] for group in self.optimizer.param_groups]
