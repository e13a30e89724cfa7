import math

import torch


class CyclicCosine:
    """Cosine annealing that restarts every `cycle_len` epochs (SGDR-style, fixed period)."""

    def __init__(self, optim, cycle_len, eta_min=1e-5):
        self.optim = optim
        self.cycle_len = max(1, cycle_len)
        self.eta_min = eta_min
        self.peaks = [pg["lr"] for pg in optim.param_groups]
        self.pos = 0
        self.cycles_done = 0

    def step(self):
        self.pos += 1
        if self.pos >= self.cycle_len:
            self.pos = 0
            self.cycles_done += 1
        w = 0.5 * (1.0 + math.cos(math.pi * self.pos / self.cycle_len))
        for pg, peak in zip(self.optim.param_groups, self.peaks):
            pg["lr"] = self.eta_min + (peak - self.eta_min) * w

    def state_dict(self):
        return {"pos": self.pos, "cycles_done": self.cycles_done, "peaks": self.peaks}

    def load_state_dict(self, sd):
        self.pos = sd["pos"]
        self.cycles_done = sd["cycles_done"]
        self.peaks = sd["peaks"]


def train(backbone, loader, cfg):
    optim = torch.optim.SGD(backbone.parameters(), lr=cfg["lr"], momentum=0.9)
    restarts = CyclicCosine(optim, cycle_len=cfg["cycle_len"])
    epoch = 0
    while epoch < cfg["epochs"]:
        backbone.train()
        for x, y in loader:
            optim.zero_grad()
            loss = torch.nn.functional.cross_entropy(backbone(x), y)
            loss.backward()
            optim.step()
        restarts.step()
        epoch += 1
