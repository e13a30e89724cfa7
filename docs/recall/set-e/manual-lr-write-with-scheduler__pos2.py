import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR

import models
from data import imagenet_train_loader


def adjust_learning_rate(optimizer, epoch, args):
    """Sets the learning rate to the initial LR decayed by 10 every 30 epochs"""
    lr = args.lr * (0.1 ** (epoch // 30))
    for param_group in optimizer.param_groups:
        param_group["lr"] = lr


def train(loader, net, criterion, optimizer, epoch):
    net.train()
    for i, (images, target) in enumerate(loader):
        images = images.cuda(non_blocking=True)
        target = target.cuda(non_blocking=True)
        loss = criterion(net(images), target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if i % 100 == 0:
            print(f"Epoch [{epoch}][{i}/{len(loader)}] loss {loss.item():.4f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", default="resnet50")
    parser.add_argument("--epochs", type=int, default=90)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--data", default="/datasets/imagenet")
    args = parser.parse_args()

    net = models.__dict__[args.arch]().cuda()
    criterion = nn.CrossEntropyLoss().cuda()
    optimizer = torch.optim.SGD(net.parameters(), args.lr, momentum=0.9,
                                weight_decay=1e-4)
    scheduler = MultiStepLR(optimizer, milestones=[30, 60, 80], gamma=0.1)
    loader = imagenet_train_loader(args.data, batch_size=256, workers=16)

    for epoch in range(args.epochs):
        adjust_learning_rate(optimizer, epoch, args)
        train(loader, net, criterion, optimizer, epoch)
        scheduler.step()
        torch.save({"epoch": epoch + 1, "state_dict": net.state_dict(),
                    "optimizer": optimizer.state_dict(),
                    "scheduler": scheduler.state_dict()}, "checkpoint.pth.tar")


if __name__ == "__main__":
    main()
