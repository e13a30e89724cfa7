import argparse
import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.data import DataLoader

from data import build_dataset
from models import ResNetClassifier


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=90)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--out", default="runs/cls")
    return p.parse_args()


def save_checkpoint(path, net, opt, epoch, best_acc):
    torch.save({
        "epoch": epoch,
        "model": net.state_dict(),
        "optimizer": opt.state_dict(),
        "best_acc": best_acc,
    }, path)


def run_epoch(net, loader, opt, crit, device):
    net.train()
    for images, targets in loader:
        images, targets = images.to(device), targets.to(device)
        opt.zero_grad()
        loss = crit(net(images), targets)
        loss.backward()
        opt.step()


@torch.no_grad()
def accuracy(net, loader, device):
    net.eval()
    correct = total = 0
    for images, targets in loader:
        preds = net(images.to(device)).argmax(dim=1)
        correct += (preds == targets.to(device)).sum().item()
        total += targets.numel()
    return correct / max(total, 1)


def main():
    args = parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_ds, val_ds = build_dataset("imagenet", train=True), build_dataset("imagenet", train=False)
    train_loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True, num_workers=8)
    val_loader = DataLoader(val_ds, batch_size=args.batch_size, shuffle=False, num_workers=8)

    net = ResNetClassifier(num_classes=1000).to(device)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
    lr_steps = MultiStepLR(opt, milestones=[30, 60, 80], gamma=0.1)
    crit = nn.CrossEntropyLoss()

    os.makedirs(args.out, exist_ok=True)
    best = 0.0
    for epoch in range(args.epochs):
        run_epoch(net, train_loader, opt, crit, device)
        lr_steps.step()
        acc = accuracy(net, val_loader, device)
        best = max(best, acc)
        save_checkpoint(os.path.join(args.out, "last.pth"), net, opt, epoch, best)
        print(f"epoch {epoch} acc {acc:.4f} best {best:.4f}")


if __name__ == "__main__":
    main()
