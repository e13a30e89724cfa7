import math

import torch
from torch import nn


class EpochCosineLR:
    """Cosine decay from the optimizer's initial rate to ``eta_min`` over ``total_epochs``."""

    def __init__(self, opt, total_epochs, eta_min=1e-6):
        self.opt = opt
        self.total_epochs = max(1, total_epochs)
        self.eta_min = eta_min
        self.base_lr = opt.param_groups[0]["lr"]
        self.epoch = 0

    def step(self):
        self.epoch += 1
        cos_factor = 0.5 * (1.0 + math.cos(math.pi * self.epoch / self.total_epochs))
        self.base_lr = self.eta_min + (self.base_lr - self.eta_min) * cos_factor
        for g in self.opt.param_groups:
            g["lr"] = self.base_lr
        return self.base_lr

    def state_dict(self):
        return {"epoch": self.epoch, "base_lr": self.base_lr}

    def load_state_dict(self, state):
        self.epoch = state["epoch"]
        self.base_lr = state["base_lr"]


def main(model, train_loader, epochs=90):
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    sched = EpochCosineLR(opt, total_epochs=epochs)
    crit = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        model.train()
        for step, (img, lbl) in enumerate(train_loader):
            loss = crit(model(img), lbl)
            opt.zero_grad()
            loss.backward()
            opt.step()
            if step % 200 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.3f}")
        new_lr = sched.step()
        print(f"epoch {epoch} done, lr -> {new_lr:.6f}")
