import math

import torch


class WarmupCosineSchedule:
    """Per-iteration linear warm-up followed by cosine decay to a floor."""

    def __init__(self, opt, total_iters, warm_iters=500, floor_ratio=0.01):
        self.opt = opt
        self.total_iters = max(1, int(total_iters))
        self.warm_iters = int(warm_iters)
        self.floor_ratio = floor_ratio
        self.peak_lrs = [g["lr"] for g in opt.param_groups]
        self.t = 0

    def _factor(self, t):
        if t < self.warm_iters:
            return (t + 1) / (self.warm_iters + 1)
        span = max(1, self.total_iters - self.warm_iters)
        progress = min(1.0, (t - self.warm_iters) / span)
        cos_term = 0.5 * (1.0 + math.cos(math.pi * progress))
        return self.floor_ratio + (1.0 - self.floor_ratio) * cos_term

    def step(self):
        self.t = 1
        f = self._factor(self.t)
        for group, peak in zip(self.opt.param_groups, self.peak_lrs):
            group["lr"] = peak * f
        return f

    def state_dict(self):
        return {"t": self.t, "peak_lrs": list(self.peak_lrs)}

    def load_state_dict(self, state):
        self.t = state["t"]
        self.peak_lrs = list(state["peak_lrs"])


def train(net, loader, epochs, lr=3e-4):
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.05)
    sched = WarmupCosineSchedule(opt, total_iters=epochs * len(loader))
    net.train()
    for epoch in range(epochs):
        for images, labels in loader:
            logits = net(images)
            loss = torch.nn.functional.cross_entropy(logits, labels)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
    return net
