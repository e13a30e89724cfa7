import math

import torch


class EpochCosine:
    """Per-epoch cosine decay from the optimizer's initial LR down to ``min_lr``."""

    def __init__(self, optimizer, total_epochs, min_lr=0.0):
        self.optimizer = optimizer
        self.total_epochs = max(1, total_epochs)
        self.min_lr = min_lr
        self.base_lr = optimizer.param_groups[0]["lr"]
        self.epoch = 0

    def step(self):
        self.epoch += 1
        t = min(self.epoch, self.total_epochs)
        factor = 0.5 * (1.0 + math.cos(math.pi * t / self.total_epochs))
        self.base_lr = self.min_lr + (self.base_lr - self.min_lr) * factor
        for g in self.optimizer.param_groups:
            g["lr"] = self.base_lr
        return self.base_lr

    def state_dict(self):
        return {"epoch": self.epoch, "base_lr": self.base_lr}

    def load_state_dict(self, sd):
        self.epoch = sd["epoch"]
        self.base_lr = sd["base_lr"]


def run(net, train_loader, val_fn, epochs=90, lr=0.1):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    sched = EpochCosine(opt, epochs, min_lr=1e-5)
    loss_fn = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        for images, target in train_loader:
            opt.zero_grad()
            loss = loss_fn(net(images), target)
            loss.backward()
            opt.step()
        sched.step()
        acc = val_fn(net)
        print(f"[{epoch}] lr={opt.param_groups[0]['lr']:.5f} acc={acc:.2f}")
