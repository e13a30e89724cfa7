import math

import torch


class CyclicCosine:
    """Cosine cycles of fixed length; the cycle position restarts only at a cycle boundary."""

    def __init__(self, opt, cycle_len, floor=1e-5):
        if cycle_len <= 0:
            raise ValueError("cycle_len must be positive")
        self.opt = opt
        self.cycle_len = cycle_len
        self.floor = floor
        self.peaks = [g["lr"] for g in opt.param_groups]
        self.pos = 0
        self.cycle = 0

    def restart(self):
        self.pos = 0
        self.cycle += 1

    def step(self):
        self.pos += 1
        if self.pos >= self.cycle_len:
            self.restart()
        t = self.pos / self.cycle_len
        for g, peak in zip(self.opt.param_groups, self.peaks):
            g["lr"] = self.floor + (peak - self.floor) * 0.5 * (1 + math.cos(math.pi * t))

    def state_dict(self):
        return {"pos": self.pos, "cycle": self.cycle, "peaks": list(self.peaks)}

    def load_state_dict(self, sd):
        self.pos, self.cycle = sd["pos"], sd["cycle"]
        self.peaks = list(sd["peaks"])


def run(net, loader, n_epochs):
    opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
    lr_sched = CyclicCosine(opt, cycle_len=len(loader) * 10)
    loss_fn = torch.nn.CrossEntropyLoss()
    net.train()
    for ep in range(n_epochs):
        for x, y in loader:
            opt.zero_grad()
            loss = loss_fn(net(x), y)
            loss.backward()
            opt.step()
            lr_sched.step()
