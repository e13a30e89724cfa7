import math

import torch


class WarmCosineLR:
    """Linear ramp followed by cosine decay, stepped once per iteration."""

    def __init__(self, optimizer, total_iters, warmup_iters=500, min_ratio=0.01):
        self.optimizer = optimizer
        self.total_iters = max(1, total_iters)
        self.warmup_iters = warmup_iters
        self.min_ratio = min_ratio
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.iters = -1
        self.step()

    def _factor(self, t):
        if t < self.warmup_iters:
            return (t + 1) / self.warmup_iters
        span = max(1, self.total_iters - self.warmup_iters)
        progress = min(1.0, (t - self.warmup_iters) / span)
        return self.min_ratio + (1.0 - self.min_ratio) * 0.5 * (1.0 + math.cos(math.pi * progress))

    def step(self):
        self.iters += 1
        f = self._factor(self.iters)
        for group, base in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = base * f
        return [g["lr"] for g in self.optimizer.param_groups]

    def state_dict(self):
        return {"iters": self.iters, "base_lrs": list(self.base_lrs)}

    def load_state_dict(self, state):
        self.iters = state["iters"]
        self.base_lrs = list(state["base_lrs"])


def train(net, loader, epochs, lr=0.05):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, nesterov=True)
    sched = WarmCosineLR(opt, total_iters=epochs * len(loader), warmup_iters=len(loader))
    net.train()
    for epoch in range(epochs):
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
        print(epoch, opt.param_groups[0]["lr"])
