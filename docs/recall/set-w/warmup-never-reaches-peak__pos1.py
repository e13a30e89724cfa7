import math
import sys

import torch


def adjust_learning_rate(optimizer, epoch, args):
    """Half-cycle cosine after warm-up; ``epoch`` may be fractional."""
    if epoch < args.warmup_epochs:
        lr = args.lr * epoch / args.warmup_epochs
    else:
        span = max(args.epochs - args.warmup_epochs, 1)
        lr = args.min_lr + (args.lr - args.min_lr) * 0.5 * (
            1.0 + math.cos(math.pi * (epoch - args.warmup_epochs) / span)
        )
    for param_group in optimizer.param_groups:
        param_group["lr"] = lr * param_group.get("lr_scale", 1.0)
    return lr


def train_one_epoch(model, data_loader, optimizer, device, epoch, args):
    model.train(True)
    optimizer.zero_grad()
    n_batches = len(data_loader)
    for data_iter_step, (samples, _) in enumerate(data_loader):
        # per-iteration (rather than per-epoch) lr schedule
        adjust_learning_rate(optimizer, data_iter_step / n_batches + epoch, args)
        samples = samples.to(device, non_blocking=True)
        loss, _, _ = model(samples, mask_ratio=args.mask_ratio)
        loss_value = loss.item()
        if not math.isfinite(loss_value):
            print(f"Loss is {loss_value}, stopping training")
            sys.exit(1)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    return {"lr": optimizer.param_groups[0]["lr"], "loss": loss_value}
