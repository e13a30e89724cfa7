import math

import torch


class CosineRestartLR:
    """Cosine annealing with periodic restarts, stepped once per epoch."""

    def __init__(self, optimizer, cycle=10, eta_min=0.01):
        self.optimizer = optimizer
        self.cycle = max(1, cycle)
        self.eta_min = eta_min
        self.base_lrs = [group["lr"] for group in optimizer.param_groups]
        self.last_epoch = 0

    def reset(self):
        """Start the schedule over, e.g. when fine-tuning on a new task."""
        self.last_epoch = 0

    def step(self):
        self.last_epoch += 1
        t = self.last_epoch % self.cycle
        factor = (1 + math.cos(math.pi * t / self.cycle)) / 2
        factor = factor * (1 - self.eta_min) + self.eta_min
        for group, base in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = base * factor
        return [g["lr"] for g in self.optimizer.param_groups]

    def state_dict(self):
        return {"last_epoch": self.last_epoch, "base_lrs": list(self.base_lrs)}

    def load_state_dict(self, state):
        self.last_epoch = state["last_epoch"]
        self.base_lrs = list(state["base_lrs"])


def train(net, loader, epochs, lr=0.05, device="cuda"):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, nesterov=True)
    lr_sched = CosineRestartLR(opt, cycle=epochs // 3)
    crit = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            opt.zero_grad()
            crit(net(xb), yb).backward()
            opt.step()
        lr_sched.step()
