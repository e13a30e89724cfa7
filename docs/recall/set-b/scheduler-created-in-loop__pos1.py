import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from models import LeNet5


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--step-size", type=int, default=10)
    args = parser.parse_args()

    tfm = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    train_loader = DataLoader(datasets.MNIST("data", train=True, download=True, transform=tfm),
                              batch_size=128, shuffle=True)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    net = LeNet5().to(device)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(1, args.epochs + 1):
        scheduler = StepLR(opt, step_size=args.step_size, gamma=0.1)
        net.train()
        for batch_idx, (data, target) in enumerate(train_loader):
            data, target = data.to(device), target.to(device)
            opt.zero_grad()
            loss = criterion(net(data), target)
            loss.backward()
            opt.step()
            if batch_idx % 100 == 0:
                print(f"Train Epoch: {epoch} [{batch_idx * len(data)}/{len(train_loader.dataset)}]"
                      f"\tLoss: {loss.item():.6f}")
        scheduler.step()

    torch.save(net.state_dict(), "mnist_lenet.pt")


if __name__ == "__main__":
    main()
