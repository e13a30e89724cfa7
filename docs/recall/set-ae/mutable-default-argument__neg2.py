import math


class CosineRestarts:
    """Cosine annealing restarted at each boundary in ``steps`` (epochs)."""

    def __init__(self, optimizer, epochs, steps=(), eta_min=1e-6, decay=0.5):
        self.optimizer = optimizer
        self.bounds = [0] + sorted(set(steps) | {epochs})
        self.eta_min = eta_min
        self.decay = decay
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.epoch = 0

    def _lr(self, base):
        e = min(self.epoch, self.bounds[-1] - 1)
        k = max(i for i in range(len(self.bounds) - 1) if self.bounds[i] <= e)
        start, end = self.bounds[k], self.bounds[k + 1]
        peak = base * self.decay ** k
        t = (e - start) / max(1, end - start)
        return self.eta_min + (peak - self.eta_min) * 0.5 * (1 + math.cos(math.pi * t))

    def step(self):
        self.epoch += 1
        for g, base in zip(self.optimizer.param_groups, self.base_lrs):
            g["lr"] = self._lr(base)

    def state_dict(self):
        return {"epoch": self.epoch, "bounds": list(self.bounds), "base_lrs": list(self.base_lrs)}

    def load_state_dict(self, state):
        self.epoch = state["epoch"]
        self.bounds = list(state["bounds"])
        self.base_lrs = list(state["base_lrs"])
