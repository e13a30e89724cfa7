import math

import torch


class EpochCosineLR:
    """Cosine decay from the initial LR down to `min_lr` over `total_epochs`."""

    def __init__(self, optimizer, total_epochs, min_lr=1e-5):
        self.optimizer = optimizer
        self.total = max(1, total_epochs)
        self.min_lr = min_lr
        self.base_lr = optimizer.param_groups[0]["lr"]
        self.epoch = 0

    def step(self):
        self.epoch += 1
        t = min(self.epoch, self.total)
        cosine = 0.5 * (1.0 + math.cos(math.pi * t / self.total))
        self.base_lr = self.min_lr + (self.base_lr - self.min_lr) * cosine
        for group in self.optimizer.param_groups:
            group["lr"] = self.base_lr
        return self.base_lr

    def state_dict(self):
        return {"epoch": self.epoch, "base_lr": self.base_lr}

    def load_state_dict(self, state):
        self.epoch = state["epoch"]
        self.base_lr = state["base_lr"]


def main(model, train_loader, val_fn, epochs=100, device="cuda"):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    scheduler = EpochCosineLR(optimizer, total_epochs=epochs)
    criterion = torch.nn.CrossEntropyLoss().to(device)
    for epoch in range(epochs):
        model.train()
        for images, labels in train_loader:
            images = images.to(device, non_blocking=True)
            labels = labels.to(device, non_blocking=True)
            loss = criterion(model(images), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        lr = scheduler.step()
        acc = val_fn(model)
        print(f"[{epoch + 1}/{epochs}] lr={lr:.5f} val_acc={acc:.2f}")
