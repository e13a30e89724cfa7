import math

import torch
import torch.nn.functional as F


def lr_at(step, base_lr, min_lr, warm, total):
    """Linear warm-up to base_lr, then cosine annealing down to min_lr."""
    if step < warm:
        return base_lr * (step + 1) / warm
    progress = min(1.0, (step - warm) / max(1, total - warm))
    return min_lr + 0.5 * (base_lr - min_lr) * (1.0 - math.cos(math.pi * progress))


def train(encoder, loader, args, device="cuda"):
    opt = torch.optim.AdamW(encoder.parameters(), lr=args.base_lr, weight_decay=args.wd)
    total = args.epochs * len(loader)
    warm = args.warmup_epochs * len(loader)
    global_step = 0
    for epoch in range(args.epochs):
        encoder.train()
        for view1, view2 in loader:
            lr = lr_at(global_step, args.base_lr, args.min_lr, warm, total)
            for g in opt.param_groups:
                g["lr"] = lr
            z1 = F.normalize(encoder(view1.to(device)), dim=1)
            z2 = F.normalize(encoder(view2.to(device)), dim=1)
            logits = z1 @ z2.t() / args.temperature
            labels = torch.arange(z1.size(0), device=device)
            loss = F.cross_entropy(logits, labels)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            global_step += 1
        print(f"epoch {epoch}: loss {loss.item():.4f} lr {lr:.3e}")
