import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from net import SmallCNN


def main():
    parser = argparse.ArgumentParser(description="FashionMNIST example")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--lr", type=float, default=1.0)
    parser.add_argument("--gamma", type=float, default=0.7)
    args = parser.parse_args()

    tf = transforms.Compose([transforms.ToTensor(),
                             transforms.Normalize((0.2860,), (0.3530,))])
    train_loader = DataLoader(datasets.FashionMNIST("../data", train=True,
                                                    download=True, transform=tf),
                              batch_size=64, shuffle=True)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = SmallCNN().to(device)
    opt = torch.optim.Adadelta(net.parameters(), lr=args.lr)
    sched = StepLR(opt, step_size=1, gamma=args.gamma)
    loss_fn = nn.NLLLoss()

    for epoch in range(1, args.epochs + 1):
        net.train()
        for batch_idx, (data, target) in enumerate(train_loader):
            data, target = data.to(device), target.to(device)
            opt.zero_grad()
            loss = loss_fn(net(data), target)
            loss.backward()
            opt.step()
            if batch_idx % 100 == 0:
                print(f"Epoch {epoch} batch {batch_idx} loss {loss.item():.6f}")
        sched.step()

    torch.save(net.state_dict(), "fmnist_cnn.pt")


if __name__ == "__main__":
    main()
