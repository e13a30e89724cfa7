import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from net import LeNet5


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--lr-step", type=int, default=10)
    args = p.parse_args()

    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    train_loader = DataLoader(datasets.MNIST("data", train=True, download=True, transform=tf),
                              batch_size=64, shuffle=True)
    net = LeNet5().cuda()
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()

    for epoch in range(1, args.epochs + 1):
        sched = StepLR(opt, step_size=args.lr_step, gamma=0.1)
        net.train()
        for batch_idx, (data, target) in enumerate(train_loader):
            data, target = data.cuda(), target.cuda()
            opt.zero_grad()
            loss = loss_fn(net(data), target)
            loss.backward()
            opt.step()
            if batch_idx % 200 == 0:
                print(f"Train Epoch: {epoch} [{batch_idx * len(data)}/"
                      f"{len(train_loader.dataset)}] Loss: {loss.item():.6f}")
        sched.step()

    torch.save(net.state_dict(), "mnist_lenet.pt")


if __name__ == "__main__":
    main()
