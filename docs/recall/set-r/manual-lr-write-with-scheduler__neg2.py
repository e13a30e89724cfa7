import math

import torch


def lr_at(it, args):
    """Linear warm-up followed by half-cycle cosine, evaluated per iteration."""
    if it < args.warmup_iters:
        return args.lr * (it + 1) / args.warmup_iters
    span = max(1, args.total_iters - args.warmup_iters)
    progress = min(1.0, (it - args.warmup_iters) / span)
    return args.min_lr + (args.lr - args.min_lr) * 0.5 * (1.0 + math.cos(math.pi * progress))


def pretrain(model, loader, args, device="cuda"):
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.95),
                                  weight_decay=args.weight_decay)
    model.to(device).train()
    it = 0
    for epoch in range(args.epochs):
        for data_iter_step, (samples, _) in enumerate(loader):
            lr = lr_at(it, args)
            for param_group in optimizer.param_groups:
                param_group["lr"] = lr * param_group.get("lr_scale", 1.0)

            samples = samples.to(device, non_blocking=True)
            loss = model(samples, mask_ratio=args.mask_ratio)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            it += 1
            if data_iter_step % 200 == 0:
                print(f"epoch {epoch} step {data_iter_step} lr {lr:.2e} loss {loss.item():.4f}")
    torch.save(model.state_dict(), "pretrain_final.pth")
