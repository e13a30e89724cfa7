import math
from dataclasses import dataclass

import torch


@dataclass
class TrainConfig:
    learning_rate: float = 6e-4
    min_lr: float = 6e-5
    warmup_iters: int = 2000
    lr_decay_iters: int = 600_000
    max_iters: int = 600_000
    grad_clip: float = 1.0
    decay_lr: bool = True


def get_lr(it: int, cfg: TrainConfig) -> float:
    if it < cfg.warmup_iters:
        return cfg.learning_rate * (it + 1) / cfg.warmup_iters
    if it > cfg.lr_decay_iters:
        return cfg.min_lr
    decay_ratio = (it - cfg.warmup_iters) / (cfg.lr_decay_iters - cfg.warmup_iters)
    coeff = 0.5 * (1.0 + math.cos(math.pi * decay_ratio))
    return cfg.min_lr + coeff * (cfg.learning_rate - cfg.min_lr)


def train(model, get_batch, cfg: TrainConfig):
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.learning_rate,
                                  betas=(0.9, 0.95), weight_decay=0.1)
    iter_num = 0
    while iter_num <= cfg.max_iters:
        lr = get_lr(iter_num, cfg) if cfg.decay_lr else cfg.learning_rate
        for param_group in optimizer.param_groups:
            param_group["lr"] = lr
        X, Y = get_batch("train")
        _, loss = model(X, Y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        if iter_num % 100 == 0:
            print(f"iter {iter_num}: loss {loss.item():.4f}, lr {lr:.2e}")
        iter_num += 1
    return model
