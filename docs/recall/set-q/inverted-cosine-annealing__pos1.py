import math

import torch
from torch.optim.lr_scheduler import LRScheduler


class CosineAnnealing(LRScheduler):
    """Anneals each group's LR from its base value to `eta_min` over `T` epochs."""

    def __init__(self, optimizer, T, eta_min=0.0, last_epoch=-1):
        self.T = max(1, int(T))
        self.eta_min = eta_min
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        t = min(self.last_epoch, self.T)
        return [
            self.eta_min + (base_lr - self.eta_min) * (1 - math.cos(math.pi * t / self.T)) / 2
            for base_lr in self.base_lrs
        ]


def train(net, loader, epochs=100):
    opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    sched = CosineAnnealing(opt, T=epochs, eta_min=1e-4)
    crit = torch.nn.CrossEntropyLoss(label_smoothing=0.1)
    for epoch in range(epochs):
        net.train()
        correct = 0
        for x, y in loader:
            logits = net(x)
            loss = crit(logits, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            correct += (logits.argmax(1) == y).sum().item()
        sched.step()
        print(f"epoch {epoch} acc {correct / len(loader.dataset):.3f} lr {sched.get_last_lr()[0]:.5f}")
