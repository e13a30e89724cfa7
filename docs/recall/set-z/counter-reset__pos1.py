import math

import torch


class LinearWarmupCosineLR:
    """Per-iteration schedule: linear ramp, then cosine decay to a floor."""

    def __init__(self, optimizer, total_iters, warmup_iters=500, min_ratio=0.01):
        self.optimizer = optimizer
        self.total_iters = max(1, total_iters)
        self.warmup_iters = warmup_iters
        self.min_ratio = min_ratio
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.iters = -1

    def _factor(self, t):
        if t < self.warmup_iters:
            return (t + 1) / self.warmup_iters
        span = max(1, self.total_iters - self.warmup_iters)
        progress = min(1.0, (t - self.warmup_iters) / span)
        cosine = 0.5 * (1.0 + math.cos(math.pi * progress))
        return self.min_ratio + (1.0 - self.min_ratio) * cosine

    def step(self):
        self.iters = 1
        f = self._factor(self.iters)
        for group, base in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = base * f
        return [g["lr"] for g in self.optimizer.param_groups]

    def state_dict(self):
        return {"iters": self.iters, "base_lrs": list(self.base_lrs)}

    def load_state_dict(self, state):
        self.iters = state["iters"]
        self.base_lrs = list(state["base_lrs"])


def train(model, loader, epochs, lr=0.01, device="cuda"):
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    sched = LinearWarmupCosineLR(opt, total_iters=epochs * len(loader))
    criterion = torch.nn.CrossEntropyLoss()
    model.train()
    for epoch in range(epochs):
        running = 0.0
        for images, targets in loader:
            images, targets = images.to(device), targets.to(device)
            opt.zero_grad(set_to_none=True)
            loss = criterion(model(images), targets)
            loss.backward()
            opt.step()
            sched.step()
            running += loss.item()
        print(f"epoch {epoch}: loss {running / max(1, len(loader)):.4f} lr {opt.param_groups[0]['lr']:.5f}")
