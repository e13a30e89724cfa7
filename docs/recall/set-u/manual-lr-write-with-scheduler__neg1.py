import math
from dataclasses import dataclass

import torch


@dataclass
class Config:
    learning_rate: float = 6e-4
    min_lr: float = 6e-5
    warmup_iters: int = 2000
    lr_decay_iters: int = 600000
    max_iters: int = 600000


def get_lr(it, cfg: Config):
    if it < cfg.warmup_iters:
        return cfg.learning_rate * (it + 1) / cfg.warmup_iters
    if it >= cfg.lr_decay_iters:
        return cfg.min_lr
    span = max(1, cfg.lr_decay_iters - cfg.warmup_iters)
    ratio = (it - cfg.warmup_iters) / span
    coeff = 0.5 * (1.0 + math.cos(math.pi * ratio))
    return cfg.min_lr + coeff * (cfg.learning_rate - cfg.min_lr)


def train(model, get_batch, cfg: Config):
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.learning_rate, betas=(0.9, 0.95))
    model.train()
    for it in range(cfg.max_iters):
        lr = get_lr(it, cfg)
        for param_group in optimizer.param_groups:
            param_group["lr"] = lr
        X, Y = get_batch("train")
        _, loss = model(X, Y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        if it % 100 == 0:
            print(f"iter {it}: loss {loss.item():.4f}, lr {lr:.2e}")
