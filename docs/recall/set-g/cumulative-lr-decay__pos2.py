import argparse
import math

import torch


def get_args():
    p = argparse.ArgumentParser()
    p.add_argument("--lr", type=float, default=0.03)
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--min-lr", type=float, default=0.0)
    p.add_argument("--wd", type=float, default=1e-4)
    return p.parse_args()


def adjust_learning_rate(optimizer, epoch, args):
    """Decay the learning rate with half-cycle cosine."""
    progress = min(epoch, args.epochs) / args.epochs
    lr = args.min_lr + (args.lr - args.min_lr) * 0.5 * (1.0 + math.cos(math.pi * progress))
    args.lr = lr
    for param_group in optimizer.param_groups:
        param_group["lr"] = lr
    return lr


def train(net, loader, args):
    optimizer = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.wd)
    criterion = torch.nn.CrossEntropyLoss()
    for epoch in range(args.epochs):
        lr = adjust_learning_rate(optimizer, epoch, args)
        net.train()
        for i, (x, y) in enumerate(loader):
            loss = criterion(net(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"[{epoch}] lr {lr:.4f} last loss {loss.item():.3f}")


if __name__ == "__main__":
    from models import ResNet18
    from data import cifar_loader

    train(ResNet18(), cifar_loader(), get_args())
