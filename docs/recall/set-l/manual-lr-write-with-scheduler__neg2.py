import math

import torch


def lr_at(it, cfg):
    """Linear warm-up followed by half-cycle cosine, in iterations."""
    if it < cfg.warmup_iters:
        return cfg.lr * (it + 1) / cfg.warmup_iters
    span = max(1, cfg.max_iters - cfg.warmup_iters)
    progress = min(1.0, (it - cfg.warmup_iters) / span)
    return cfg.min_lr + (cfg.lr - cfg.min_lr) * 0.5 * (1.0 + math.cos(math.pi * progress))


def pretrain(encoder, loader, cfg):
    opt = torch.optim.AdamW(encoder.parameters(), lr=cfg.lr, betas=(0.9, 0.95), weight_decay=0.05)
    encoder.train()
    it = 0
    while it < cfg.max_iters:
        for samples in loader:
            lr = lr_at(it, cfg)
            for group in opt.param_groups:
                group["lr"] = lr * group.get("lr_scale", 1.0)
            loss = encoder(samples.cuda(non_blocking=True))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            it += 1
            if it % cfg.log_every == 0:
                print(f"it {it} loss {loss.item():.4f} lr {lr:.2e}")
            if it >= cfg.max_iters:
                break
    return encoder
