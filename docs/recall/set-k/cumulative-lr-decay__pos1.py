import math

import torch


class CosineDecay:
    """Decays each param group's LR from its initial value towards `floor * lr`."""

    def __init__(self, optimizer, total_epochs, floor=0.01):
        self.optimizer = optimizer
        self.total_epochs = max(1, total_epochs)
        self.floor = floor
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.epoch = 0

    def _factor(self, e):
        t = min(e, self.total_epochs) / self.total_epochs
        return self.floor + (1.0 - self.floor) * 0.5 * (1.0 + math.cos(math.pi * t))

    def step(self):
        self.epoch += 1
        f = self._factor(self.epoch)
        self.base_lrs = [lr * f for lr in self.base_lrs]
        for g, lr in zip(self.optimizer.param_groups, self.base_lrs):
            g["lr"] = lr
        return self.base_lrs

    def state_dict(self):
        return {"epoch": self.epoch, "base_lrs": self.base_lrs}

    def load_state_dict(self, sd):
        self.epoch = sd["epoch"]
        self.base_lrs = list(sd["base_lrs"])


def run(net, train_loader, epochs=100, lr=0.1):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    decay = CosineDecay(opt, total_epochs=epochs)
    loss_fn = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        for inputs, labels in train_loader:
            inputs, labels = inputs.cuda(), labels.cuda()
            opt.zero_grad()
            loss = loss_fn(net(inputs), labels)
            loss.backward()
            opt.step()
        decay.step()
        print(f"epoch {epoch}: lr {opt.param_groups[0]['lr']:.5f}")
