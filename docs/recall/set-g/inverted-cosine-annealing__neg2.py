import math

import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupCosineLR(LRScheduler):
    def __init__(self, optimizer, warmup_iters, max_iters, min_ratio=0.01, last_epoch=-1):
        assert 0 <= warmup_iters < max_iters
        self.warmup_iters = warmup_iters
        self.max_iters = max_iters
        self.min_ratio = min_ratio
        super().__init__(optimizer, last_epoch)

    def _ratio(self, it):
        if it < self.warmup_iters:
            return (it + 1) / self.warmup_iters
        progress = (min(it, self.max_iters) - self.warmup_iters) / (self.max_iters - self.warmup_iters)
        cosine = 0.5 * (1.0 + math.cos(math.pi * progress))
        return self.min_ratio + (1.0 - self.min_ratio) * cosine

    def get_lr(self):
        r = self._ratio(self.last_epoch)
        return [base_lr * r for base_lr in self.base_lrs]


def fit(net, loader, iters, lr=2e-4):
    opt = torch.optim.AdamW(net.parameters(), lr=lr)
    sched = WarmupCosineLR(opt, warmup_iters=min(1000, iters // 10), max_iters=iters)
    for it, batch in enumerate(loader):
        if it >= iters:
            break
        loss = net(batch)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
