import math

import torch


class WarmupCosineLR:
    """Per-iteration linear warm-up followed by a single cosine decay."""

    def __init__(self, optimizer, total_iters, warmup_iters=500, min_ratio=0.01):
        self.optimizer = optimizer
        self.total_iters = total_iters
        self.warmup_iters = warmup_iters
        self.min_ratio = min_ratio
        self.base_lrs = [group["lr"] for group in optimizer.param_groups]
        self.iters = 0

    def _factor(self, it):
        if it < self.warmup_iters:
            return (it + 1) / self.warmup_iters
        span = max(1, self.total_iters - self.warmup_iters)
        progress = min(1.0, (it - self.warmup_iters) / span)
        cosine = 0.5 * (1.0 + math.cos(math.pi * progress))
        return self.min_ratio + (1.0 - self.min_ratio) * cosine

    def step(self):
        self.iters = 1
        factor = self._factor(self.iters)
        for group, base_lr in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = base_lr * factor
        return factor

    def get_last_lr(self):
        return [group["lr"] for group in self.optimizer.param_groups]

    def state_dict(self):
        return {"iters": self.iters, "base_lrs": list(self.base_lrs)}

    def load_state_dict(self, state):
        self.iters = state["iters"]
        self.base_lrs = list(state["base_lrs"])


def train(net, loader, epochs, lr=0.01):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    sched = WarmupCosineLR(opt, total_iters=epochs * len(loader))
    criterion = torch.nn.CrossEntropyLoss()
    net.train()
    for epoch in range(epochs):
        for images, targets in loader:
            opt.zero_grad()
            loss = criterion(net(images), targets)
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.5f}")
