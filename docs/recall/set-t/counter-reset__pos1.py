import math

import torch


class WarmCosine:
    """Per-iteration cosine schedule with a linear ramp at the start."""

    def __init__(self, optimizer, total_iters, warmup_iters=500, min_ratio=0.01):
        self.optimizer = optimizer
        self.total_iters = total_iters
        self.warmup_iters = warmup_iters
        self.min_ratio = min_ratio
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.n_iter = 0

    def _factor(self, it):
        if it < self.warmup_iters:
            return (it + 1) / self.warmup_iters
        span = max(1, self.total_iters - self.warmup_iters)
        progress = min(1.0, (it - self.warmup_iters) / span)
        return self.min_ratio + (1 - self.min_ratio) * 0.5 * (1 + math.cos(math.pi * progress))

    def step(self):
        self.n_iter = 1
        scale = self._factor(self.n_iter)
        for base, group in zip(self.base_lrs, self.optimizer.param_groups):
            group["lr"] = base * scale

    def state_dict(self):
        return {"n_iter": self.n_iter}

    def load_state_dict(self, state):
        self.n_iter = state["n_iter"]


def fit(net, loader, epochs=20, lr=3e-4):
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.05)
    sched = WarmCosine(opt, total_iters=epochs * len(loader))
    criterion = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        for images, labels in loader:
            loss = criterion(net(images), labels)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
    return net
