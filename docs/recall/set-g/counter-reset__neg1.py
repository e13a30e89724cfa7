import math

import torch


class SGDRScheduler:
    """Cosine annealing that restarts every `cycle_len` steps, with cycles growing by `mult`."""

    def __init__(self, opt, cycle_len, mult=2, min_lr=0.0):
        assert cycle_len > 0, "cycle_len must be positive"
        self.opt = opt
        self.cycle_len = cycle_len
        self.mult = mult
        self.min_lr = min_lr
        self.base_lrs = [g["lr"] for g in opt.param_groups]
        self.t_cur = 0
        self.cycle = 0

    def step(self):
        self.t_cur += 1
        if self.t_cur >= self.cycle_len:
            self.t_cur = 0
            self.cycle += 1
            self.cycle_len *= self.mult
        cos_out = 0.5 * (1.0 + math.cos(math.pi * self.t_cur / self.cycle_len))
        for g, base in zip(self.opt.param_groups, self.base_lrs):
            g["lr"] = self.min_lr + (base - self.min_lr) * cos_out

    def state_dict(self):
        return {"t_cur": self.t_cur, "cycle": self.cycle, "cycle_len": self.cycle_len}

    def load_state_dict(self, sd):
        self.t_cur = sd["t_cur"]
        self.cycle = sd["cycle"]
        self.cycle_len = sd["cycle_len"]


def run(net, loader, epochs=30):
    opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    sched = SGDRScheduler(opt, cycle_len=len(loader) * 5)
    crit = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        for images, targets in loader:
            opt.zero_grad()
            crit(net(images), targets).backward()
            opt.step()
            sched.step()
