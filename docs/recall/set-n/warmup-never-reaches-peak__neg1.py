import math

import torch


class Config:
    lr = 3e-4
    min_lr = 3e-5
    warmup = 1000
    decay_steps = 50000


def lr_at(it, cfg=Config):
    if it < cfg.warmup:
        return cfg.lr * (it + 1) / cfg.warmup
    if it >= cfg.decay_steps:
        return cfg.min_lr
    ratio = (it - cfg.warmup) / max(1, cfg.decay_steps - cfg.warmup)
    return cfg.min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (cfg.lr - cfg.min_lr)


def train(net, batches, cfg=Config):
    opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=0.1)
    net.train()
    for it, (x, y) in enumerate(batches):
        lr = lr_at(it, cfg)
        for g in opt.param_groups:
            g["lr"] = lr
        _, loss = net(x, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if it % 100 == 0:
            print(it, f"{loss.item():.4f}", f"{lr:.2e}")
