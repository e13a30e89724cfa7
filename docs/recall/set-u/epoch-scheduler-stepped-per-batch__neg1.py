import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from data import build_cifar10
from models import resnet18


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--batch-size", type=int, default=128)
    return p.parse_args()


def main():
    args = parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_set, _ = build_cifar10("./data")
    loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True, num_workers=4)

    net = resnet18(num_classes=10).to(device)
    criterion = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    sched = CosineAnnealingLR(opt, T_max=args.epochs)

    for epoch in range(args.epochs):
        net.train()
        running = 0.0
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            opt.zero_grad()
            loss = criterion(net(images), labels)
            loss.backward()
            opt.step()
            running += loss.item()
        sched.step()
        print(f"epoch {epoch}: loss {running / len(loader):.4f} lr {sched.get_last_lr()[0]:.5f}")

    torch.save(net.state_dict(), "resnet18_cifar10.pt")


if __name__ == "__main__":
    main()
