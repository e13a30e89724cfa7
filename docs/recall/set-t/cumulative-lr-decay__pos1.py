import argparse

import torch
import torch.nn as nn


def adjust_learning_rate(optimizer, epoch, args):
    """Sets the learning rate to the initial LR decayed by 10 every 30 epochs."""
    args.lr = args.lr * (0.1 ** (epoch // 30))
    for param_group in optimizer.param_groups:
        param_group["lr"] = args.lr


def train_one_epoch(model, loader, criterion, optimizer, device):
    model.train()
    for images, target in loader:
        images, target = images.to(device), target.to(device)
        loss = criterion(model(images), target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def main():
    parser = argparse.ArgumentParser(description="ImageNet training")
    parser.add_argument("--lr", default=0.1, type=float)
    parser.add_argument("--momentum", default=0.9, type=float)
    parser.add_argument("--wd", default=1e-4, type=float)
    parser.add_argument("--epochs", default=90, type=int)
    args = parser.parse_args()

    from models import resnet50
    from data import train_loader

    device = torch.device("cuda")
    model = resnet50().to(device)
    criterion = nn.CrossEntropyLoss().to(device)
    optimizer = torch.optim.SGD(model.parameters(), args.lr,
                                momentum=args.momentum, weight_decay=args.wd)
    for epoch in range(args.epochs):
        adjust_learning_rate(optimizer, epoch, args)
        train_one_epoch(model, train_loader, criterion, optimizer, device)


if __name__ == "__main__":
    main()
