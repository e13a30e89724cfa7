import torch
from torch import nn


class GradualWarmup:
    """Linearly scales every param group's learning rate up over `total` optimizer steps."""

    def __init__(self, optimizer, total):
        self.optimizer = optimizer
        self.total = max(1, total)
        self.n = 0

    def ramp(self):
        self.n += 1
        if self.n > self.total:
            return
        factor = min(1.0, self.n / self.total)
        for g in self.optimizer.param_groups:
            g["lr"] *= factor

    def state_dict(self):
        return {"n": self.n, "total": self.total}

    def load_state_dict(self, state):
        self.n, self.total = state["n"], state["total"]


def fit(net: nn.Module, loader, lr=1e-3, epochs=5, warm_steps=1000):
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    warm = GradualWarmup(opt, warm_steps)
    for _ in range(epochs):
        for step, (x, y) in enumerate(loader):
            warm.ramp()
            loss = nn.functional.mse_loss(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
