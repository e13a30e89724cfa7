import math

import torch


def get_lr(it, peak, floor, warmup_iters, decay_iters):
    if it < warmup_iters:
        return peak * (it + 1) / warmup_iters
    if it >= decay_iters:
        return floor
    ratio = (it - warmup_iters) / max(1, decay_iters - warmup_iters)
    return floor + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (peak - floor)


def train(model, get_batch, args):
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.95), weight_decay=args.wd)
    for it in range(args.max_iters):
        lr = get_lr(it, args.lr, args.min_lr, args.warmup_iters, args.lr_decay_iters)
        for g in opt.param_groups:
            g["lr"] = lr
        x, y = get_batch("train")
        _, loss = model(x, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if it % args.log_interval == 0:
            print(f"iter {it}: loss {loss.item():.4f}, lr {lr:.2e}")
