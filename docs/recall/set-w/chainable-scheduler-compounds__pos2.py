import math

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class WarmCosine(CosineAnnealingLR):
    """Cosine annealing with a short linear ramp at the start (per-iteration)."""

    def __init__(self, opt, total_iters, ramp_iters, eta_min=0.0, last_epoch=-1):
        self.ramp_iters = max(1, ramp_iters)
        super().__init__(opt, T_max=total_iters, eta_min=eta_min, last_epoch=last_epoch)

    def get_lr(self):
        lrs = super().get_lr()
        if self.last_epoch < self.ramp_iters:
            w = (self.last_epoch + 1) / self.ramp_iters
            lrs = [lr * w for lr in lrs]
        return lrs


def train(net, loader, epochs=100, lr=1e-3, ramp_epochs=2, device="cuda"):
    net.to(device)
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.05)
    total = epochs * len(loader)
    sched = WarmCosine(opt, total, ramp_epochs * len(loader), eta_min=lr * 1e-3)
    crit = torch.nn.CrossEntropyLoss()
    for ep in range(epochs):
        net.train()
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad(set_to_none=True)
            loss = crit(net(x), y)
            loss.backward()
            opt.step()
            sched.step()
        if not math.isfinite(loss.item()):
            raise FloatingPointError("non-finite loss")
        print(f"ep {ep} lr {sched.get_last_lr()[0]:.2e} loss {loss.item():.4f}")
