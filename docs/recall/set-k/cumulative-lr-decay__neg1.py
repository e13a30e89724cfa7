import argparse

import torch
import torch.nn as nn


def adjust_learning_rate(optimizer, epoch, args):
    """Sets the learning rate to the initial LR decayed by 10 at each milestone"""
    n_decays = sum(1 for m in args.milestones if epoch >= m)
    lr = args.lr * (args.gamma ** n_decays)
    for param_group in optimizer.param_groups:
        param_group["lr"] = lr
    return lr


def train_one_epoch(loader, net, criterion, optimizer):
    net.train()
    seen, total = 0, 0.0
    for images, target in loader:
        images, target = images.cuda(non_blocking=True), target.cuda(non_blocking=True)
        optimizer.zero_grad()
        loss = criterion(net(images), target)
        loss.backward()
        optimizer.step()
        total += loss.item() * images.size(0)
        seen += images.size(0)
    return total / max(1, seen)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=160)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--gamma", type=float, default=0.1)
    parser.add_argument("--milestones", type=int, nargs="+", default=[80, 120])
    args = parser.parse_args()

    from cifar import build_loader, resnet56

    net = resnet56().cuda()
    loader = build_loader("./data", train=True, batch_size=128, shuffle=True)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
    for epoch in range(args.epochs):
        lr = adjust_learning_rate(optimizer, epoch, args)
        avg = train_one_epoch(loader, net, criterion, optimizer)
        print(f"epoch {epoch} lr {lr:.4f} loss {avg:.4f}")


if __name__ == "__main__":
    main()
