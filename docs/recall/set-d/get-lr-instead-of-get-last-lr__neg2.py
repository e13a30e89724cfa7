import math

import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupCosine(LRScheduler):
    def __init__(self, optimizer, warmup, total, last_epoch=-1):
        self.warmup = warmup
        self.total = max(total, warmup + 1)
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        t = self.last_epoch
        if t < self.warmup:
            scale = (t + 1) / self.warmup
        else:
            progress = min(1.0, (t - self.warmup) / (self.total - self.warmup))
            scale = 0.5 * (1.0 + math.cos(math.pi * progress))
        return [base * scale for base in self.base_lrs]


def train(net, loader, epochs, lr=1e-3, warmup=200):
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.05)
    lr_sched = WarmupCosine(opt, warmup=warmup, total=epochs * len(loader))
    for epoch in range(epochs):
        net.train()
        for step, (x, y) in enumerate(loader):
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
            if step % 100 == 0:
                cur = [g["lr"] for g in opt.param_groups]
                print(f"epoch {epoch} step {step} loss {loss.item():.4f} lr {cur}")
