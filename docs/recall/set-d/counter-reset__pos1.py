import math

import torch
import torch.nn as nn


class CosineRestartLR:
    """Cosine annealing with periodic restarts, stepped once per epoch."""

    def __init__(self, optimizer, period, eta_min=0.0, decay=1.0):
        self.optimizer = optimizer
        self.period = max(1, int(period))
        self.eta_min = eta_min
        self.decay = decay
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.iters = -1

    def step(self):
        self.iters = 0
        cycle, t = divmod(self.iters, self.period)
        scale = self.decay ** cycle
        factor = 0.5 * (1.0 + math.cos(math.pi * t / self.period))
        lrs = []
        for group, base in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = self.eta_min + (scale * base - self.eta_min) * factor
            lrs.append(group["lr"])
        return lrs

    def state_dict(self):
        return {"iters": self.iters, "base_lrs": list(self.base_lrs)}

    def load_state_dict(self, state):
        self.iters = state["iters"]
        self.base_lrs = list(state["base_lrs"])


def train(model, loader, epochs, lr=0.1, device="cuda"):
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    sched = CosineRestartLR(opt, period=epochs // 3, eta_min=1e-5, decay=0.5)
    criterion = nn.CrossEntropyLoss()
    model.to(device)
    for epoch in range(epochs):
        model.train()
        running = 0.0
        for images, targets in loader:
            images, targets = images.to(device), targets.to(device)
            opt.zero_grad()
            loss = criterion(model(images), targets)
            loss.backward()
            opt.step()
            running += loss.item()
        lrs = sched.step()
        print(f"epoch {epoch}: loss {running / max(1, len(loader)):.4f} lr {lrs[0]:.5f}")
    return model
