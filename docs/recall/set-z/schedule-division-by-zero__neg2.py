import math
from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import LambdaLR


@dataclass
class OptimCfg:
    lr: float = 1e-4
    warmup_iters: int = 0
    lr_decay_iters: int = 50_000
    min_lr_ratio: float = 0.1


def lr_factor(it: int, c: OptimCfg) -> float:
    if c.warmup_iters > 0 and it < c.warmup_iters:
        return (it + 1) / c.warmup_iters
    if it >= c.lr_decay_iters:
        return c.min_lr_ratio
    span = max(1, c.lr_decay_iters - c.warmup_iters)
    ratio = min(1.0, max(0.0, (it - c.warmup_iters) / span))
    return c.min_lr_ratio + (1.0 - c.min_lr_ratio) * 0.5 * (1.0 + math.cos(math.pi * ratio))


def train(vae, loader, c: OptimCfg, max_iters: int):
    opt = torch.optim.Adam(vae.parameters(), lr=c.lr, betas=(0.5, 0.9))
    lr_sched = LambdaLR(opt, lambda it: lr_factor(it, c))
    it = 0
    while it < max_iters:
        for (x,) in loader:
            recon, kl = vae(x)
            loss = torch.nn.functional.mse_loss(recon, x) + 1e-3 * kl.mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
            it += 1
            if it >= max_iters:
                break
