import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from net import LeNet


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=14)
    parser.add_argument("--lr", type=float, default=1.0)
    parser.add_argument("--gamma", type=float, default=0.7)
    args = parser.parse_args()

    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    train_set = datasets.MNIST("../data", train=True, download=True, transform=tf)
    train_loader = DataLoader(train_set, batch_size=64, shuffle=True)

    model = LeNet().cuda()
    optimizer = torch.optim.Adadelta(model.parameters(), lr=args.lr)
    scheduler = StepLR(optimizer, step_size=1, gamma=args.gamma)
    criterion = nn.NLLLoss()

    for epoch in range(1, args.epochs + 1):
        model.train()
        for i, (inputs, labels) in enumerate(train_loader):
            outputs = model(inputs.cuda())
            loss = criterion(outputs, labels.cuda())
            loss.backward()
            optimizer.zero_grad()
            optimizer.step()
            if i % 100 == 0:
                print(f"epoch {epoch} [{i * len(inputs)}/{len(train_set)}] loss {loss.item():.6f}")
        scheduler.step()


if __name__ == "__main__":
    main()
