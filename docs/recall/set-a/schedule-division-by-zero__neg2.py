import functools
import math
from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import LambdaLR


@dataclass
class SchedConfig:
    peak_lr: float = 1e-3
    min_ratio: float = 0.1
    warmup_steps: int = 0
    total_steps: int = 10_000

    def __post_init__(self):
        if self.warmup_steps < 0:
            raise ValueError("warmup_steps must be >= 0")
        if self.total_steps <= self.warmup_steps:
            raise ValueError("total_steps must be larger than warmup_steps")


def lr_factor(step: int, cfg: SchedConfig) -> float:
    if cfg.warmup_steps > 0 and step < cfg.warmup_steps:
        return (step + 1) / cfg.warmup_steps
    progress = min(1.0, (step - cfg.warmup_steps) / (cfg.total_steps - cfg.warmup_steps))
    return cfg.min_ratio + (1.0 - cfg.min_ratio) * 0.5 * (1.0 + math.cos(math.pi * progress))


def train(net, batches, cfg: SchedConfig):
    opt = torch.optim.AdamW(net.parameters(), lr=cfg.peak_lr, weight_decay=0.05)
    sched = LambdaLR(opt, functools.partial(lr_factor, cfg=cfg))
    net.train()
    for step, (x, y) in enumerate(batches):
        if step >= cfg.total_steps:
            break
        loss = torch.nn.functional.cross_entropy(net(x), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
    return net
