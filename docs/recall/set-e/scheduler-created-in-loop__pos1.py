import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from net import SmallCNN


def main():
    parser = argparse.ArgumentParser(description="MNIST example")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--lr", type=float, default=1.0)
    parser.add_argument("--gamma", type=float, default=0.7)
    parser.add_argument("--step-size", type=int, default=5)
    args = parser.parse_args()

    tf = transforms.Compose([transforms.ToTensor(),
                             transforms.Normalize((0.1307,), (0.3081,))])
    train_loader = DataLoader(datasets.MNIST("../data", train=True, download=True,
                                             transform=tf),
                              batch_size=64, shuffle=True)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = SmallCNN().to(device)
    opt = torch.optim.Adadelta(net.parameters(), lr=args.lr)
    loss_fn = nn.NLLLoss()

    for epoch in range(1, args.epochs + 1):
        sched = StepLR(opt, step_size=args.step_size, gamma=args.gamma)
        net.train()
        for batch_idx, (data, target) in enumerate(train_loader):
            data, target = data.to(device), target.to(device)
            opt.zero_grad()
            loss = loss_fn(net(data), target)
            loss.backward()
            opt.step()
            if batch_idx % 100 == 0:
                print(f"Train Epoch: {epoch} [{batch_idx * len(data)}/"
                      f"{len(train_loader.dataset)}]\tLoss: {loss.item():.6f}")
        sched.step()

    torch.save(net.state_dict(), "mnist_cnn.pt")


if __name__ == "__main__":
    main()
