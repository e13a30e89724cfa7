import math

import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupCosineLR(LRScheduler):
    def __init__(self, optimizer, warm_steps, total_steps, min_ratio=0.0, last_epoch=-1):
        self.warm_steps = max(1, warm_steps)
        self.total_steps = max(self.warm_steps + 1, total_steps)
        self.min_ratio = min_ratio
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        t = self.last_epoch
        if t < self.warm_steps:
            scale = (t + 1) / self.warm_steps
        else:
            p = min(1.0, (t - self.warm_steps) / (self.total_steps - self.warm_steps))
            scale = self.min_ratio + (1 - self.min_ratio) * 0.5 * (1 + math.cos(math.pi * p))
        return [base * scale for base in self.base_lrs]


def fit(policy, replay, n_updates=100_000, lr=3e-4, batch=256, log_every=1000):
    opt = torch.optim.Adam(policy.parameters(), lr=lr)
    sched = WarmupCosineLR(opt, warm_steps=2000, total_steps=n_updates)
    policy.train()
    for upd in range(1, n_updates + 1):
        obs, act = replay.sample(batch)
        loss = torch.nn.functional.cross_entropy(policy(obs), act)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if upd % log_every == 0:
            print(f"update {upd}: loss={loss.item():.4f} lr={sched.get_last_lr()[0]:.3e}")
    return policy
