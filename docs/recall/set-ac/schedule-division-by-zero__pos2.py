import math
from dataclasses import dataclass

import torch


@dataclass
class TrainConfig:
    learning_rate: float = 6e-4
    min_lr: float = 6e-5
    max_iters: int = 600000
    warmup_iters: int = 2000
    lr_decay_iters: int = 600000
    grad_clip: float = 1.0


def get_lr(it, cfg: TrainConfig):
    # 1) linear warmup for warmup_iters steps
    if it < cfg.warmup_iters:
        return cfg.learning_rate * (it + 1) / (cfg.warmup_iters + 1)
    # 2) if it > lr_decay_iters, return min learning rate
    if it > cfg.lr_decay_iters:
        return cfg.min_lr
    # 3) in between, use cosine decay down to min learning rate
    decay_ratio = (it - cfg.warmup_iters) / (cfg.lr_decay_iters - cfg.warmup_iters)
    coeff = 0.5 * (1.0 + math.cos(math.pi * decay_ratio))
    return cfg.min_lr + coeff * (cfg.learning_rate - cfg.min_lr)


def train(gpt, get_batch, cfg: TrainConfig):
    optimizer = torch.optim.AdamW(gpt.parameters(), lr=cfg.learning_rate, betas=(0.9, 0.95), weight_decay=0.1)
    iter_num = 0
    while iter_num <= cfg.max_iters:
        lr = get_lr(iter_num, cfg)
        for param_group in optimizer.param_groups:
            param_group["lr"] = lr
        X, Y = get_batch("train")
        _, loss = gpt(X, Y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(gpt.parameters(), cfg.grad_clip)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        iter_num += 1
