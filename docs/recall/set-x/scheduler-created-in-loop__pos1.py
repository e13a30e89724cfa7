import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR

from dataset import get_mnist_loaders
from net import LeNet5


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--lr", type=float, default=1.0)
    parser.add_argument("--step", type=int, default=5)
    parser.add_argument("--gamma", type=float, default=0.7)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_loader, test_loader = get_mnist_loaders(batch_size=64)
    model = LeNet5().to(device)
    optimizer = torch.optim.Adadelta(model.parameters(), lr=args.lr)
    loss_fn = nn.NLLLoss()

    for epoch in range(1, args.epochs + 1):
        scheduler = StepLR(optimizer, step_size=args.step, gamma=args.gamma)
        model.train()
        for batch_idx, (data, target) in enumerate(train_loader):
            data, target = data.to(device), target.to(device)
            optimizer.zero_grad()
            loss = loss_fn(model(data), target)
            loss.backward()
            optimizer.step()
            if batch_idx % 100 == 0:
                print(f"Train Epoch: {epoch} [{batch_idx * len(data)}/{len(train_loader.dataset)}]"
                      f"\tLoss: {loss.item():.6f}")
        model.eval()
        correct = 0
        with torch.no_grad():
            for data, target in test_loader:
                pred = model(data.to(device)).argmax(dim=1)
                correct += pred.eq(target.to(device)).sum().item()
        print(f"Test accuracy: {correct / len(test_loader.dataset):.4f}")
        scheduler.step()

    torch.save(model.state_dict(), "mnist_cnn.pt")


if __name__ == "__main__":
    main()
