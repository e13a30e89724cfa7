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
    weight_decay: float = 0.05


def lr_factor(step: int, cfg: SchedConfig) -> float:
    warm = min(1.0, (step + 1) / cfg.warmup_steps)
    progress = min(1.0, step / max(1, cfg.total_steps))
    decay = cfg.min_ratio + (1.0 - cfg.min_ratio) * 0.5 * (1.0 + math.cos(math.pi * progress))
    return warm * decay


def make_optim(net, cfg: SchedConfig):
    decay, no_decay = [], []
    for n, p in net.named_parameters():
        (no_decay if p.ndim < 2 or n.endswith(".bias") else decay).append(p)
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": cfg.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=cfg.peak_lr,
    )
    sched = LambdaLR(opt, functools.partial(lr_factor, cfg=cfg))
    return opt, sched


def train(net, batches, cfg: SchedConfig | None = None):
    cfg = cfg or SchedConfig()
    opt, sched = make_optim(net, cfg)
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
