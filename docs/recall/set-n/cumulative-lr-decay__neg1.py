import math

import torch
import torch.nn as nn


def adjust_learning_rate(optimizer, epoch, args):
    """Cosine decay from args.lr towards args.min_lr, recomputed every epoch."""
    progress = min(epoch, args.epochs) / max(1, args.epochs)
    lr = args.min_lr + (args.lr - args.min_lr) * 0.5 * (1.0 + math.cos(math.pi * progress))
    for param_group in optimizer.param_groups:
        param_group["lr"] = lr * param_group.get("lr_scale", 1.0)
    return lr


def train(model, loader, args, device="cuda"):
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9,
                                weight_decay=args.weight_decay)
    for epoch in range(args.epochs):
        lr = adjust_learning_rate(optimizer, epoch, args)
        model.train()
        correct, total = 0, 0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            out = model(x)
            loss = criterion(out, y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            correct += (out.argmax(1) == y).sum().item()
            total += y.numel()
        print(f"epoch {epoch} lr {lr:.4f} train acc {correct / max(1, total):.3f}")
