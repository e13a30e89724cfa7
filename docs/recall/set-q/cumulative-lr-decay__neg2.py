import math

import torch


class WarmRestartCosine:
    """SGDR: cosine annealing with restarts; the peak shrinks by `peak_decay` at each restart."""

    def __init__(self, opt, period, eta_min=1e-5, peak_decay=0.7):
        self.opt = opt
        self.period = max(1, int(period))
        self.eta_min = eta_min
        self.peak_decay = peak_decay
        self.peak_lrs = [g["lr"] for g in opt.param_groups]
        self.t_cur = 0

    def step(self):
        self.t_cur += 1
        if self.t_cur >= self.period:
            self.t_cur = 0
            self.peak_lrs = [peak * self.peak_decay for peak in self.peak_lrs]
        cos_w = 0.5 * (1.0 + math.cos(math.pi * self.t_cur / self.period))
        for g, peak in zip(self.opt.param_groups, self.peak_lrs):
            g["lr"] = self.eta_min + (peak - self.eta_min) * cos_w

    def state_dict(self):
        return {"t_cur": self.t_cur, "peak_lrs": self.peak_lrs}

    def load_state_dict(self, sd):
        self.t_cur = sd["t_cur"]
        self.peak_lrs = sd["peak_lrs"]


def train(net, loader, epochs=200, lr=0.05):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    sgdr = WarmRestartCosine(opt, period=50)
    for ep in range(epochs):
        net.train()
        for xb, yb in loader:
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(net(xb), yb)
            loss.backward()
            opt.step()
        sgdr.step()
