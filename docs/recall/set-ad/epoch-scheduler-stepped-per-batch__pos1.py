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
    p.add_argument("--wd", type=float, default=5e-4)
    return p.parse_args()


def main():
    args = parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_set, test_set = build_cifar10("./data")
    train_loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True, num_workers=4)
    test_loader = DataLoader(test_set, batch_size=256, shuffle=False, num_workers=4)

    net = resnet18(num_classes=10).to(device)
    criterion = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9,
                          weight_decay=args.wd, nesterov=True)
    sched = CosineAnnealingLR(opt, T_max=args.epochs)

    for epoch in range(args.epochs):
        net.train()
        running = 0.0
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = criterion(net(x), y)
            loss.backward()
            opt.step()
            sched.step()
            running += loss.item()

        net.eval()
        correct = 0
        with torch.no_grad():
            for x, y in test_loader:
                pred = net(x.to(device)).argmax(1)
                correct += (pred.cpu() == y).sum().item()
        print(f"epoch {epoch} loss {running / len(train_loader):.3f} "
              f"acc {correct / len(test_set):.4f} lr {sched.get_last_lr()[0]:.5f}")


if __name__ == "__main__":
    main()
