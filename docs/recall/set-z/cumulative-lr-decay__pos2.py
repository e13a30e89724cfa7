import argparse

import torch
import torch.nn as nn


parser = argparse.ArgumentParser(description="classifier training")
parser.add_argument("--lr", "--learning-rate", default=0.1, type=float, dest="lr")
parser.add_argument("--momentum", default=0.9, type=float)
parser.add_argument("--wd", default=1e-4, type=float)
parser.add_argument("--epochs", default=90, type=int)
parser.add_argument("--lr-step", default=30, type=int)


def adjust_learning_rate(optimizer, epoch, args):
    """Decay the learning rate by 10x every `args.lr_step` epochs."""
    args.lr = args.lr * (0.1 ** (epoch // args.lr_step))
    for param_group in optimizer.param_groups:
        param_group["lr"] = args.lr


def train_one_epoch(loader, model, criterion, optimizer, device):
    model.train()
    seen, total_loss = 0, 0.0
    for inputs, target in loader:
        inputs, target = inputs.to(device), target.to(device)
        output = model(inputs)
        loss = criterion(output, target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * inputs.size(0)
        seen += inputs.size(0)
    return total_loss / max(1, seen)


def main(model, loader):
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = model.to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), args.lr, momentum=args.momentum, weight_decay=args.wd)
    for epoch in range(args.epochs):
        adjust_learning_rate(optimizer, epoch, args)
        avg = train_one_epoch(loader, model, criterion, optimizer, device)
        print(f"epoch {epoch} loss {avg:.4f} lr {optimizer.param_groups[0]['lr']:.6f}")
