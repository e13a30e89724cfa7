import argparse
import math

import torch


def get_args():
    p = argparse.ArgumentParser()
    p.add_argument("--lr", type=float, default=0.03)
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--min-lr", type=float, default=0.0)
    p.add_argument("--decay-rate", type=float, default=0.97)
    return p.parse_args()


def adjust_learning_rate(optimizer, epoch, args):
    """Half-cycle cosine from args.lr; args.lr itself is never modified."""
    progress = min(epoch, args.epochs) / max(1, args.epochs)
    lr = args.min_lr + (args.lr - args.min_lr) * 0.5 * (1.0 + math.cos(math.pi * progress))
    for param_group in optimizer.param_groups:
        param_group["lr"] = lr * param_group.get("lr_scale", 1.0)
    return lr


def exp_decay_(optimizer, rate):
    # per-epoch exponential decay
    for param_group in optimizer.param_groups:
        param_group["lr"] = param_group["lr"] * rate


def train(net, loader, args, exponential=False):
    optimizer = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9)
    criterion = torch.nn.CrossEntropyLoss()
    for epoch in range(args.epochs):
        if not exponential:
            adjust_learning_rate(optimizer, epoch, args)
        for x, y in loader:
            loss = criterion(net(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        if exponential:
            exp_decay_(optimizer, args.decay_rate)
