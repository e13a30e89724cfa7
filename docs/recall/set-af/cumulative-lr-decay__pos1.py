import math

import torch


class CosineDecayLR:
    """Epoch-level cosine decay from the optimizer's initial lr down to `min_lr`."""

    def __init__(self, optimizer, total_epochs, min_lr=1e-5):
        self.optimizer = optimizer
        self.total_epochs = total_epochs
        self.min_lr = min_lr
        self.base_lr = optimizer.param_groups[0]["lr"]
        self.epoch = 0

    def step(self):
        self.epoch += 1
        t = min(self.epoch, self.total_epochs)
        cos_f = 0.5 * (1.0 + math.cos(math.pi * t / self.total_epochs))
        self.base_lr = self.min_lr + (self.base_lr - self.min_lr) * cos_f
        for group in self.optimizer.param_groups:
            group["lr"] = self.base_lr
        return self.base_lr

    def state_dict(self):
        return {"epoch": self.epoch, "base_lr": self.base_lr}

    def load_state_dict(self, state):
        self.epoch = state["epoch"]
        self.base_lr = state["base_lr"]


def main(model, train_loader, val_fn, epochs=120, lr=0.1):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    lr_scheduler = CosineDecayLR(optimizer, total_epochs=epochs)
    criterion = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        model.train()
        for images, labels in train_loader:
            images, labels = images.cuda(), labels.cuda()
            loss = criterion(model(images), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        cur_lr = lr_scheduler.step()
        acc = val_fn(model)
        print(f"epoch {epoch}: acc={acc:.2f} lr={cur_lr:.5f}")
