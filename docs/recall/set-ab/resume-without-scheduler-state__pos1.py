import argparse
import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.data import DataLoader

from data import build_dataset
from models import resnet56


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=160)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--out", default="runs/cifar")
    return p.parse_args()


def main():
    args = parse_args()
    os.makedirs(args.out, exist_ok=True)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = resnet56(num_classes=10).to(device)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    sched = MultiStepLR(opt, milestones=[80, 120], gamma=0.1)
    loader = DataLoader(build_dataset("train"), batch_size=args.batch_size, shuffle=True, num_workers=4)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        net.train()
        running = 0.0
        for images, targets in loader:
            images, targets = images.to(device), targets.to(device)
            opt.zero_grad()
            loss = criterion(net(images), targets)
            loss.backward()
            opt.step()
            running += loss.item()
        sched.step()
        print(f"epoch {epoch}: loss {running / len(loader):.4f} lr {sched.get_last_lr()[0]:.5f}")

        torch.save({
            "epoch": epoch,
            "model": net.state_dict(),
            "optimizer": opt.state_dict(),
        }, os.path.join(args.out, "last.pth"))


if __name__ == "__main__":
    main()
