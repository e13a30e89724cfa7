import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR

import models
from data import get_loaders


def adjust_learning_rate(optimizer, epoch, args):
    """Sets the learning rate to the initial LR decayed by 10 every 30 epochs"""
    lr = args.lr * (0.1 ** (epoch // 30))
    for param_group in optimizer.param_groups:
        param_group["lr"] = lr


def train_epoch(loader, net, criterion, optimizer):
    net.train()
    for inp, target in loader:
        inp, target = inp.cuda(non_blocking=True), target.cuda(non_blocking=True)
        loss = criterion(net(inp), target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", default="resnet50")
    parser.add_argument("--epochs", type=int, default=90)
    parser.add_argument("--lr", type=float, default=0.1)
    args = parser.parse_args()

    net = models.__dict__[args.arch]().cuda()
    criterion = nn.CrossEntropyLoss().cuda()
    optimizer = torch.optim.SGD(net.parameters(), args.lr, momentum=0.9, weight_decay=1e-4)
    scheduler = CosineAnnealingLR(optimizer, T_max=args.epochs)
    train_loader, _ = get_loaders(batch_size=256)

    for epoch in range(args.epochs):
        adjust_learning_rate(optimizer, epoch, args)
        last = train_epoch(train_loader, net, criterion, optimizer)
        scheduler.step()
        print(f"Epoch {epoch}: loss {last:.4f} lr {optimizer.param_groups[0]['lr']:.4f}")


if __name__ == "__main__":
    main()
