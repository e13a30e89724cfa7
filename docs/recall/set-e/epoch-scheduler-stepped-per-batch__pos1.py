import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from data import build_cifar_train
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
    train_set = build_cifar_train("./data")
    loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True,
                        num_workers=4, pin_memory=True)

    net = resnet18(num_classes=10).to(device)
    criterion = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9,
                          weight_decay=args.wd, nesterov=True)
    sched = CosineAnnealingLR(opt, T_max=args.epochs)

    for epoch in range(args.epochs):
        net.train()
        running = 0.0
        for i, (images, targets) in enumerate(loader):
            images, targets = images.to(device), targets.to(device)
            logits = net(images)
            loss = criterion(logits, targets)

            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()

            running += loss.item()
            if i % 100 == 0:
                print(f"epoch {epoch} it {i} loss {running / (i + 1):.4f} "
                      f"lr {sched.get_last_lr()[0]:.5f}")

        torch.save(net.state_dict(), f"ckpt_{epoch:03d}.pt")


if __name__ == "__main__":
    main()
