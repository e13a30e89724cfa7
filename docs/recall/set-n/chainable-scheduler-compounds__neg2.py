import math

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class WarmupCosineAnnealingLR(CosineAnnealingLR):
    def __init__(self, optimizer, T_max, warmup, eta_min=0.0, last_epoch=-1):
        self.warmup = warmup
        super().__init__(optimizer, T_max, eta_min, last_epoch)

    def get_lr(self):
        t = self.last_epoch
        if t < self.warmup:
            return [base * (t + 1) / self.warmup for base in self.base_lrs]
        progress = min(1.0, (t - self.warmup) / max(1, self.T_max - self.warmup))
        cos_out = 0.5 * (1.0 + math.cos(math.pi * progress))
        return [self.eta_min + (base - self.eta_min) * cos_out for base in self.base_lrs]


def train(net, loader, epochs, lr=0.1):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, nesterov=True, weight_decay=5e-4)
    sched = WarmupCosineAnnealingLR(opt, T_max=epochs * len(loader), warmup=len(loader))
    for epoch in range(epochs):
        net.train()
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
