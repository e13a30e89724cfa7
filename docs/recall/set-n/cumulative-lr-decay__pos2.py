import argparse
import time

import torch
import torch.nn as nn


def adjust_learning_rate(optimizer, epoch, args):
    """Sets the learning rate to the initial LR decayed by 10 every 30 epochs"""
    args.lr = args.lr * (0.1 ** (epoch // 30))
    for param_group in optimizer.param_groups:
        param_group["lr"] = args.lr


def train_one_epoch(train_loader, model, criterion, optimizer, epoch, device):
    model.train()
    end = time.time()
    seen, loss_sum = 0, 0.0
    for i, (images, target) in enumerate(train_loader):
        images = images.to(device, non_blocking=True)
        target = target.to(device, non_blocking=True)
        output = model(images)
        loss = criterion(output, target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss_sum += loss.item() * images.size(0)
        seen += images.size(0)
        if i % 100 == 0:
            print(f"Epoch [{epoch}][{i}/{len(train_loader)}] loss {loss_sum / seen:.4f}")
    print(f"epoch time {time.time() - end:.1f}s")


def main(model, train_loader, device):
    parser = argparse.ArgumentParser(description="ImageNet training")
    parser.add_argument("--lr", default=0.1, type=float)
    parser.add_argument("--momentum", default=0.9, type=float)
    parser.add_argument("--wd", default=1e-4, type=float)
    parser.add_argument("--epochs", default=90, type=int)
    args = parser.parse_args()

    criterion = nn.CrossEntropyLoss().to(device)
    optimizer = torch.optim.SGD(model.parameters(), args.lr,
                                momentum=args.momentum, weight_decay=args.wd)
    for epoch in range(args.epochs):
        adjust_learning_rate(optimizer, epoch, args)
        train_one_epoch(train_loader, model, criterion, optimizer, epoch, device)
