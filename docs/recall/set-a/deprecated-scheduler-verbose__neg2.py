import math

import torch


class WarmupCosine:
    """Per-iteration warm-up + cosine schedule that prints when it changes phase."""

    def __init__(self, optimizer, warmup, total, verbose=False):
        self.optimizer = optimizer
        self.warmup = max(1, warmup)
        self.total = max(self.warmup + 1, total)
        self.verbose = verbose
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.n = 0
        self._apply()

    def _apply(self):
        if self.n < self.warmup:
            f = (self.n + 1) / self.warmup
        else:
            p = min(1.0, (self.n - self.warmup) / (self.total - self.warmup))
            f = 0.5 * (1.0 + math.cos(math.pi * p))
        for g, base in zip(self.optimizer.param_groups, self.base_lrs):
            g["lr"] = base * f

    def step(self):
        self.n += 1
        self._apply()
        if self.verbose and self.n == self.warmup:
            print(f"warm-up finished after {self.n} steps")

    def state_dict(self):
        return {"n": self.n}

    def load_state_dict(self, sd):
        self.n = sd["n"]
        self._apply()


def train(net, loader, epochs, verbose=True, device="cuda"):
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3)
    sched = WarmupCosine(opt, warmup=500, total=epochs * len(loader), verbose=verbose)
    for epoch in range(epochs):
        net.train()
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(net(x.to(device)), y.to(device))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
