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
        self.iters = 0

    def step(self):
        self.iters += 1
        cycle, t = divmod(self.iters, self.period)
        scale = self.decay ** cycle
        factor = 0.5 * (1.0 + math.cos(math.pi * t / self.period))
        for group, base in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = self.eta_min + (scale * base - self.eta_min) * factor
        return [g["lr"] for g in self.optimizer.param_groups]

    def state_dict(self):
        return {"iters": self.iters, "base_lrs": list(self.base_lrs)}

    def load_state_dict(self, state):
        self.iters = state["iters"]
        self.base_lrs = list(state["base_lrs"])


def train(net, loader, n_epochs, lr=0.05):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, nesterov=True)
    lr_sched = CosineRestartLR(opt, period=10, eta_min=1e-5, decay=0.8)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    for epoch in range(n_epochs):
        net.train()
        seen, correct = 0, 0
        for x, y in loader:
            opt.zero_grad()
            out = net(x)
            loss = criterion(out, y)
            loss.backward()
            opt.step()
            correct += (out.argmax(1) == y).sum().item()
            seen += y.numel()
        lrs = lr_sched.step()
        print(f"[{epoch}] train acc {correct / max(1, seen):.3f} next lr {lrs[0]:.5f}")
