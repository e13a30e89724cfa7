import argparse

import torch
import torch.nn as nn
import torchvision.models as models


def get_args():
    parser = argparse.ArgumentParser(description="ImageNet-style training")
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--lr-step", type=int, default=30)
    parser.add_argument("--epochs", type=int, default=90)
    parser.add_argument("--momentum", type=float, default=0.9)
    parser.add_argument("--wd", type=float, default=1e-4)
    return parser.parse_args()


def adjust_learning_rate(optimizer, epoch, args):
    """Sets the learning rate to the initial LR decayed by 10 every lr_step epochs"""
    args.lr = args.lr * (0.1 ** (epoch // args.lr_step))
    for param_group in optimizer.param_groups:
        param_group["lr"] = args.lr


def train_one_epoch(net, loader, criterion, optimizer):
    net.train()
    for images, target in loader:
        output = net(images)
        loss = criterion(output, target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def main(train_loader):
    args = get_args()
    net = models.resnet50()
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(net.parameters(), args.lr, momentum=args.momentum, weight_decay=args.wd)
    for epoch in range(args.epochs):
        adjust_learning_rate(optimizer, epoch, args)
        train_one_epoch(net, train_loader, criterion, optimizer)


if __name__ == "__main__":
    main(train_loader=None)
