import argparse
import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from data import build_dataset
from models import ResNet18


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=90)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--out", default="runs/exp")
    return p.parse_args()


def main():
    args = parse_args()
    os.makedirs(args.out, exist_ok=True)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = ResNet18(num_classes=100).to(device)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    sched = CosineAnnealingLR(opt, T_max=args.epochs)
    loader = DataLoader(build_dataset("train"), batch_size=128, shuffle=True, num_workers=4)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        net.train()
        seen, total = 0, 0.0
        for images, targets in loader:
            images, targets = images.to(device), targets.to(device)
            opt.zero_grad()
            loss = criterion(net(images), targets)
            loss.backward()
            opt.step()
            total += loss.item() * images.size(0)
            seen += images.size(0)
        sched.step()
        print(f"epoch {epoch}: loss {total / seen:.4f} lr {sched.get_last_lr()[0]:.5f}")

        torch.save({
            "epoch": epoch,
            "model": net.state_dict(),
            "optimizer": opt.state_dict(),
        }, os.path.join(args.out, "last.pth"))


if __name__ == "__main__":
    main()
