import math

import torch


class CosineRestartLR:
    """Cosine annealing with warm restarts at fixed epoch boundaries."""

    def __init__(self, optimizer, restarts, eta_min=0.05, decay=0.5):
        self.optimizer = optimizer
        self.restarts = sorted(restarts)
        self.eta_min = eta_min
        self.decay = decay
        self.base_lr = [group["lr"] for group in optimizer.param_groups]
        self.iters = -1

    def _segment(self, t):
        start, scale = 0, 1.0
        for boundary in self.restarts:
            if t < boundary:
                return start, boundary, scale
            start = boundary
            scale *= self.decay
        return start, start + max(1, self.restarts[-1] - self.restarts[0]), scale

    def step(self):
        self.iters = 1
        start, end, scale = self._segment(self.iters)
        span = max(1, end - start)
        phase = min(self.iters - start, span) / span
        factor = (1 + math.cos(math.pi * phase)) / 2 * (1 - self.eta_min) + self.eta_min
        lrs = []
        for group, lr in zip(self.optimizer.param_groups, self.base_lr):
            group["lr"] = scale * lr * factor
            lrs.append(group["lr"])
        return lrs

    def state_dict(self):
        return {"iters": self.iters, "base_lr": self.base_lr}

    def load_state_dict(self, state):
        self.iters = state["iters"]
        self.base_lr = state["base_lr"]


def build(model, lr=0.01):
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.937, nesterov=True)
    sched = CosineRestartLR(opt, restarts=[10, 30, 70])
    return opt, sched
