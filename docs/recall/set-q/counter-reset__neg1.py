import math

import torch


class IterCosine:
    """Iteration-level cosine schedule with linear warm-up."""

    def __init__(self, opt, max_iter, warm_iter=1000, min_lr=1e-6):
        self.opt = opt
        self.max_iter = max(1, int(max_iter))
        self.warm_iter = int(warm_iter)
        self.min_lr = min_lr
        self.base_lrs = [g["lr"] for g in opt.param_groups]
        self.it = 0

    def lr_at(self, it, base):
        if it < self.warm_iter:
            return base * (it + 1) / (self.warm_iter + 1)
        span = max(1, self.max_iter - self.warm_iter)
        progress = min(1.0, (it - self.warm_iter) / span)
        return self.min_lr + (base - self.min_lr) * 0.5 * (1.0 + math.cos(math.pi * progress))

    def step(self):
        self.it += 1
        for g, base in zip(self.opt.param_groups, self.base_lrs):
            g["lr"] = self.lr_at(self.it, base)

    def state_dict(self):
        return {"it": self.it, "base_lrs": self.base_lrs}

    def load_state_dict(self, state):
        self.it = state["it"]
        self.base_lrs = state["base_lrs"]


def train(net, loader, epochs):
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3)
    sched = IterCosine(opt, max_iter=epochs * len(loader))
    net.train()
    for _ in range(epochs):
        for batch, target in loader:
            loss = torch.nn.functional.cross_entropy(net(batch), target)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
