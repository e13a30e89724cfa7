import math

import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupCosine(LRScheduler):
    """Linear warm-up then cosine decay, computed in closed form from base_lrs."""

    def __init__(self, optimizer, warmup, total, eta_min=0.0, last_epoch=-1):
        self.warmup = warmup
        self.total = total
        self.eta_min = eta_min
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        t = self.last_epoch
        if t < self.warmup:
            scale = (t + 1) / self.warmup
            return [base * scale for base in self.base_lrs]
        progress = min(1.0, (t - self.warmup) / max(1, self.total - self.warmup))
        cos = 0.5 * (1.0 + math.cos(math.pi * progress))
        return [self.eta_min + (base - self.eta_min) * cos for base in self.base_lrs]


def train(net, loader, epochs, lr=1e-3, warmup=500):
    opt = torch.optim.AdamW(net.parameters(), lr=lr)
    sched = WarmupCosine(opt, warmup=warmup, total=epochs * len(loader))
    for epoch in range(epochs):
        net.train()
        for x, y in loader:
            loss = torch.nn.functional.mse_loss(net(x.cuda()), y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {epoch}: lr {opt.param_groups[0]['lr']:.2e}")
    return net
