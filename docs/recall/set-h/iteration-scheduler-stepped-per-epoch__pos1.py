import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def get_args():
    ap = argparse.ArgumentParser(description="MNIST one-cycle training")
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--max-lr", type=float, default=0.05)
    ap.add_argument("--bs", type=int, default=64)
    return ap.parse_args()


def main():
    args = get_args()
    tfm = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    train_loader = DataLoader(
        datasets.MNIST("data", train=True, download=True, transform=tfm),
        batch_size=args.bs,
        shuffle=True,
    )
    net = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(),
        nn.MaxPool2d(2), nn.Flatten(), nn.Linear(9216, 128), nn.ReLU(), nn.Linear(128, 10),
    ).cuda()
    opt = torch.optim.SGD(net.parameters(), lr=args.max_lr, momentum=0.9)
    lr_sched = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs, steps_per_epoch=len(train_loader))
    loss_fn = nn.CrossEntropyLoss()

    for epoch in range(1, args.epochs + 1):
        net.train()
        for batch_idx, (data, target) in enumerate(train_loader):
            data, target = data.cuda(), target.cuda()
            opt.zero_grad()
            loss = loss_fn(net(data), target)
            loss.backward()
            opt.step()
            if batch_idx % 100 == 0:
                print(f"Train Epoch: {epoch} [{batch_idx * len(data)}/{len(train_loader.dataset)}] Loss: {loss.item():.6f}")
        lr_sched.step()


if __name__ == "__main__":
    main()
