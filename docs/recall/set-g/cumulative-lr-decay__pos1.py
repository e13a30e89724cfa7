import math

import torch


class CosineDecayLR:
    """Per-epoch cosine decay from the optimizer's initial LR down to eta_min * LR."""

    def __init__(self, optimizer, epochs, eta_min=0.05):
        if epochs < 1:
            raise ValueError("epochs must be >= 1")
        self.optimizer = optimizer
        self.epochs = epochs
        self.eta_min = eta_min
        self.base_lr = optimizer.param_groups[0]["lr"]
        self.iters = 0

    def step(self):
        self.iters += 1
        t = min(self.iters, self.epochs)
        cos_factor = (1 + math.cos(math.pi * t / self.epochs)) / 2 * (1 - self.eta_min) + self.eta_min
        self.base_lr = self.base_lr * cos_factor
        for group in self.optimizer.param_groups:
            group["lr"] = self.base_lr
        return self.base_lr

    def state_dict(self):
        return {"iters": self.iters, "base_lr": self.base_lr}

    def load_state_dict(self, state):
        self.__dict__.update(state)


def main(model, train_loader, epochs=100):
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    lr_sched = CosineDecayLR(opt, epochs)
    for epoch in range(epochs):
        for imgs, labels in train_loader:
            loss = torch.nn.functional.cross_entropy(model(imgs), labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr = lr_sched.step()
        print(f"epoch {epoch}: lr={lr:.5f}")
