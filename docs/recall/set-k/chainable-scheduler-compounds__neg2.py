import math

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class ScaledCosineLR(CosineAnnealingLR):
    """Cosine annealing whose output is scaled by a global LR multiplier (e.g. for linear batch-size scaling)."""

    def __init__(self, optimizer, T_max, lr_mult=1.0, eta_min=0.0, last_epoch=-1):
        self.lr_mult = lr_mult
        super().__init__(optimizer, T_max=T_max, eta_min=eta_min, last_epoch=last_epoch)

    def get_lr(self):
        t = min(self.last_epoch, self.T_max)
        cos_out = 0.5 * (1 + math.cos(math.pi * t / self.T_max))
        return [(self.eta_min + (base - self.eta_min) * cos_out) * self.lr_mult for base in self.base_lrs]


def train(net, loader, epochs, base_lr=0.1, batch_size=512):
    opt = torch.optim.SGD(net.parameters(), lr=base_lr, momentum=0.9, weight_decay=5e-4)
    sched = ScaledCosineLR(opt, T_max=epochs, lr_mult=batch_size / 256)
    crit = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        for x, y in loader:
            opt.zero_grad()
            loss = crit(net(x.cuda()), y.cuda())
            loss.backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.4f} loss {loss.item():.4f}")
