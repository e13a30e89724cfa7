import argparse
import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from data import build_dataset
from models import ResNet18


def save_checkpoint(path, net, opt, epoch, best_acc):
    torch.save(
        {
            "epoch": epoch,
            "model": net.state_dict(),
            "optimizer": opt.state_dict(),
            "best_acc": best_acc,
        },
        path,
    )


def train_one_epoch(net, loader, opt, criterion, device):
    net.train()
    for images, targets in loader:
        images, targets = images.to(device), targets.to(device)
        opt.zero_grad()
        loss = criterion(net(images), targets)
        loss.backward()
        opt.step()


@torch.no_grad()
def evaluate(net, loader, device):
    net.eval()
    correct = total = 0
    for images, targets in loader:
        preds = net(images.to(device)).argmax(1)
        correct += (preds == targets.to(device)).sum().item()
        total += targets.numel()
    return correct / total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--out", default="checkpoints")
    args = parser.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    train_set, val_set = build_dataset("cifar10")
    train_loader = DataLoader(train_set, batch_size=128, shuffle=True, num_workers=4)
    val_loader = DataLoader(val_set, batch_size=256, shuffle=False, num_workers=4)

    net = ResNet18(num_classes=10).to(device)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    lr_sched = CosineAnnealingLR(opt, T_max=args.epochs)
    criterion = nn.CrossEntropyLoss()

    os.makedirs(args.out, exist_ok=True)
    best_acc = 0.0
    for epoch in range(args.epochs):
        train_one_epoch(net, train_loader, opt, criterion, device)
        lr_sched.step()
        acc = evaluate(net, val_loader, device)
        best_acc = max(best_acc, acc)
        save_checkpoint(os.path.join(args.out, "last.pth"), net, opt, epoch, best_acc)


if __name__ == "__main__":
    main()
