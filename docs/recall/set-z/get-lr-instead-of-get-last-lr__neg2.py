import math

import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupCosine(LRScheduler):
    """Closed-form warm-up + cosine, computed from base_lrs on every step."""

    def __init__(self, optimizer, warmup, total, last_epoch=-1):
        self.warmup = max(0, warmup)
        self.total = max(self.warmup + 1, total)
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        t = self.last_epoch
        if t < self.warmup:
            scale = (t + 1) / self.warmup
        else:
            progress = min(1.0, (t - self.warmup) / (self.total - self.warmup))
            scale = 0.5 * (1.0 + math.cos(math.pi * progress))
        return [base * scale for base in self.base_lrs]


def fit(policy, buffer, n_updates, lr=3e-4, batch_size=256):
    opt = torch.optim.Adam(policy.parameters(), lr=lr)
    lr_sched = WarmupCosine(opt, warmup=1000, total=n_updates)
    for update in range(n_updates):
        obs, act = buffer.sample(batch_size)
        loss = torch.nn.functional.cross_entropy(policy(obs), act)
        opt.zero_grad()
        loss.backward()
        opt.step()
        lr_sched.step()
        if update % 1000 == 0:
            print(f"update {update}: loss {loss.item():.4f} lr {lr_sched.get_last_lr()[0]:.2e}")
