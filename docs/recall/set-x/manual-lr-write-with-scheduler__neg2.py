import math

import torch


def lr_at(step, args):
    """Linear warm-up, then half-cycle cosine; step counts iterations."""
    if step < args.warmup_iters:
        return args.lr * (step + 1) / args.warmup_iters
    progress = (step - args.warmup_iters) / max(1, args.total_iters - args.warmup_iters)
    progress = min(progress, 1.0)
    return args.min_lr + (args.lr - args.min_lr) * 0.5 * (1.0 + math.cos(math.pi * progress))


def set_lr(optimizer, lr):
    for group in optimizer.param_groups:
        group["lr"] = lr * group.get("lr_scale", 1.0)


def pretrain(mae, loader, args):
    optimizer = torch.optim.AdamW(mae.param_groups(args.weight_decay), lr=args.lr, betas=(0.9, 0.95))
    args.total_iters = args.epochs * len(loader)
    step = 0
    for epoch in range(args.epochs):
        mae.train()
        for samples, _ in loader:
            set_lr(optimizer, lr_at(step, args))
            loss, _, _ = mae(samples.cuda(non_blocking=True), mask_ratio=args.mask_ratio)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
        print(f"epoch {epoch} loss {loss.item():.4f} lr {optimizer.param_groups[0]['lr']:.2e}")
        torch.save({"model": mae.state_dict(), "optimizer": optimizer.state_dict(),
                    "epoch": epoch, "step": step}, f"{args.output_dir}/checkpoint-{epoch}.pth")
