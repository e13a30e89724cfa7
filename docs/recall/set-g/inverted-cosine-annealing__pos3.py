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
        cosine = 0.5 * (1.0 - math.cos(math.pi * progress))
        return self.min_ratio + (1.0 - self.min_ratio) * cosine

    def get_lr(self):
        r = self._ratio(self.last_epoch)
        return [base_lr * r for base_lr in self.base_lrs]


class Trainer:
    def __init__(self, net, loader, iters, lr=2e-4):
        self.net = net
        self.loader = loader
        self.iters = iters
        self.opt = torch.optim.AdamW(net.parameters(), lr=lr)
        self.lr_sched = WarmupCosineLR(self.opt, warmup_iters=iters // 20, max_iters=iters)

    def run(self):
        it = 0
        while it < self.iters:
            for batch in self.loader:
                loss = self.net(batch)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.lr_sched.step()
                it += 1
                if it >= self.iters:
                    break
