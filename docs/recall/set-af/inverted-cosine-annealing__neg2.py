import math

import torch


class CosineLR:
    """Iteration-based cosine annealing from `base_lr` to `eta_min` over `T` steps."""

    def __init__(self, optimizer, T, eta_min=0.0):
        self.optimizer = optimizer
        self.T = T
        self.eta_min = eta_min
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.t = 0

    def lr_at(self, base_lr, t):
        t = min(t, self.T)
        cos_out = (1 + math.cos(math.pi * t / self.T)) / 2
        return self.eta_min + (base_lr - self.eta_min) * cos_out

    def step(self):
        self.t += 1
        for g, base_lr in zip(self.optimizer.param_groups, self.base_lrs):
            g["lr"] = self.lr_at(base_lr, self.t)

    def state_dict(self):
        return {"t": self.t, "base_lrs": self.base_lrs}

    def load_state_dict(self, sd):
        self.t, self.base_lrs = sd["t"], sd["base_lrs"]


def fit(net, loader, epochs, lr=0.05):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    sched = CosineLR(opt, T=epochs * len(loader), eta_min=1e-5)
    for ep in range(epochs):
        net.train()
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(net(x.cuda()), y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(ep, opt.param_groups[0]["lr"])
