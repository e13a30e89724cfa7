import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader

from data import build_cifar
from models import resnet_cifar


def parse_args():
    p = argparse.ArgumentParser(description="CIFAR-10 classifier")
    p.add_argument("--epochs", type=int, default=90)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--lr-step", type=int, default=30, help="decay the LR every N epochs")
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--workers", type=int, default=4)
    return p.parse_args()


def main():
    args = parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = resnet_cifar(depth=20, num_classes=10).to(device)
    loader = DataLoader(build_cifar("train"), batch_size=args.batch_size,
                        shuffle=True, num_workers=args.workers, pin_memory=True)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    lr_sched = StepLR(opt, step_size=args.lr_step, gamma=0.1)
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
            lr_sched.step()
            running += loss.item()
        print(f"epoch {epoch}: loss {running / len(loader):.4f} "
              f"lr {lr_sched.get_last_lr()[0]:.5f}")
        torch.save(net.state_dict(), f"ckpt_{epoch:03d}.pt")


if __name__ == "__main__":
    main()
