import math

import torch


class CosineLR:
    """Cosine annealing of every group's rate towards ``eta_min * base``; call once per epoch."""

    def __init__(self, optimizer, epochs, eta_min=0.05):
        self.optimizer = optimizer
        self.T = max(1, epochs)
        self.eta_min = eta_min
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.t = 0

    def factor(self, t):
        t = min(t, self.T)
        return ((1 - math.cos(t * math.pi / self.T)) / 2) * (1 - self.eta_min) + self.eta_min

    def step(self):
        self.t += 1
        f = self.factor(self.t)
        for g, base in zip(self.optimizer.param_groups, self.base_lrs):
            g["lr"] = base * f

    def state_dict(self):
        return {"t": self.t}

    def load_state_dict(self, sd):
        self.t = sd["t"]


def train(model, loader, criterion, epochs=100, lr=0.01):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.937, nesterov=True)
    lr_sched = CosineLR(optimizer, epochs)
    for epoch in range(epochs):
        model.train()
        for imgs, targets in loader:
            loss = criterion(model(imgs), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        lr_sched.step()
