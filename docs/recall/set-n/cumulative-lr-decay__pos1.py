import math

import torch


class EpochCosineLR:
    """Cosine decay of the learning rate over ``epochs``; call once per epoch."""

    def __init__(self, optimizer, epochs, eta_min=0.01):
        self.optimizer = optimizer
        self.epochs = max(1, int(epochs))
        self.eta_min = eta_min
        self.base_lr = optimizer.param_groups[0]["lr"]
        self.epoch = 0

    def step(self):
        self.epoch += 1
        t = min(self.epoch, self.epochs)
        cosine = 0.5 * (1.0 + math.cos(math.pi * t / self.epochs))
        factor = cosine * (1.0 - self.eta_min) + self.eta_min
        self.base_lr = self.base_lr * factor
        for group in self.optimizer.param_groups:
            group["lr"] = self.base_lr
        return self.base_lr

    def state_dict(self):
        return {"epoch": self.epoch, "base_lr": self.base_lr}

    def load_state_dict(self, state):
        self.epoch = state["epoch"]
        self.base_lr = state["base_lr"]


def run(model, train_loader, val_fn, epochs=100, lr=0.1):
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.937, nesterov=True)
    sched = EpochCosineLR(opt, epochs)
    for epoch in range(epochs):
        model.train()
        for imgs, targets in train_loader:
            loss = model(imgs, targets)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        print(epoch, val_fn(model), opt.param_groups[0]["lr"])
