import math

import torch


def lr_for_iter(it, max_lr, min_lr, warm_iters, total_iters):
    if it < warm_iters:
        return max_lr * (it + 1) / (warm_iters + 1)
    progress = (it - warm_iters) / max(1, total_iters - warm_iters)
    progress = min(max(progress, 0.0), 1.0)
    coeff = 0.5 * (1.0 - math.cos(math.pi * progress))
    return min_lr + coeff * (max_lr - min_lr)


def train(lm, batches, args):
    opt = torch.optim.AdamW(lm.parameters(), lr=args.max_lr, betas=(0.9, 0.95), weight_decay=0.1)
    total = args.total_iters
    lm.train()
    for it, (tokens, targets) in enumerate(batches):
        if it >= total:
            break
        lr = lr_for_iter(it, args.max_lr, args.min_lr, args.warm_iters, total)
        for g in opt.param_groups:
            g["lr"] = lr
        logits = lm(tokens)
        loss = torch.nn.functional.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(lm.parameters(), 1.0)
        opt.step()
        if it % 100 == 0:
            print(f"iter {it} loss {loss.item():.4f} lr {lr:.2e}")
