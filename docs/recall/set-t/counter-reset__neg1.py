import math

import torch


class CosineWithRestarts:
    """Cosine schedule that restarts every `period` iterations."""

    def __init__(self, opt, period, eta_min=1e-6):
        self.opt = opt
        self.period = period
        self.eta_min = eta_min
        self.base_lrs = [g["lr"] for g in opt.param_groups]
        self.t = 0

    def restart(self):
        self.t = 0

    def step(self):
        self.t += 1
        if self.t >= self.period:
            self.restart()
        cos_out = 0.5 * (1 + math.cos(math.pi * self.t / self.period))
        for base, g in zip(self.base_lrs, self.opt.param_groups):
            g["lr"] = self.eta_min + (base - self.eta_min) * cos_out

    def state_dict(self):
        return {"t": self.t, "base_lrs": list(self.base_lrs)}

    def load_state_dict(self, state):
        self.t = state["t"]
        self.base_lrs = state["base_lrs"]


def run(net, loader, epochs, lr=0.05):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, nesterov=True)
    lr_sched = CosineWithRestarts(opt, period=5 * len(loader))
    for ep in range(epochs):
        net.train()
        for xb, yb in loader:
            out = net(xb)
            loss = torch.nn.functional.cross_entropy(out, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
