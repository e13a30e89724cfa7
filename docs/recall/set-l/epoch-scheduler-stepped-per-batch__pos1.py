import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader

from data import build_dataset
from models import resnet18


def parse_args():
    p = argparse.ArgumentParser(description="CIFAR-100 classification")
    p.add_argument("--epochs", type=int, default=90)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--lr-step", type=int, default=30, help="decay the LR every N epochs")
    p.add_argument("--workers", type=int, default=8)
    return p.parse_args()


def main():
    args = parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = resnet18(num_classes=100).to(device)
    train_set = build_dataset("train")
    loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True,
                        num_workers=args.workers, pin_memory=True)

    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    sched = StepLR(opt, step_size=args.lr_step, gamma=0.1)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        net.train()
        running = 0.0
        for images, targets in loader:
            images = images.to(device, non_blocking=True)
            targets = targets.to(device, non_blocking=True)
            opt.zero_grad()
            loss = criterion(net(images), targets)
            loss.backward()
            opt.step()
            sched.step()
            running += loss.item()
        print(f"epoch {epoch}: loss {running / len(loader):.4f} lr {sched.get_last_lr()[0]:.5f}")

    torch.save(net.state_dict(), "resnet18_c100.pth")


if __name__ == "__main__":
    main()
