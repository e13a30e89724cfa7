import argparse
import math

import torch


def get_args():
    parser = argparse.ArgumentParser(description="linear probe")
    parser.add_argument("--lr", type=float, default=0.03)
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--wd", type=float, default=0.0)
    return parser.parse_args()


def adjust_learning_rate(optimizer, epoch, args):
    """Decay the learning rate with a half-cycle cosine"""
    args.lr = args.lr * 0.5 * (1.0 + math.cos(math.pi * epoch / args.epochs))
    for param_group in optimizer.param_groups:
        param_group["lr"] = args.lr


def train(train_loader, model, criterion, optimizer):
    model.train()
    for images, target in train_loader:
        loss = criterion(model(images), target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def main(model, train_loader):
    args = get_args()
    criterion = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), args.lr, momentum=0.9, weight_decay=args.wd)
    for epoch in range(args.epochs):
        adjust_learning_rate(optimizer, epoch, args)
        train(train_loader, model, criterion, optimizer)
