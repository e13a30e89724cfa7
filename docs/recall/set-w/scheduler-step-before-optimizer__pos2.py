import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR


def get_parser():
    parser = argparse.ArgumentParser(description="CIFAR training")
    parser.add_argument("--lr", default=0.1, type=float)
    parser.add_argument("--epochs", default=200, type=int)
    parser.add_argument("--milestones", default=[100, 150], type=int, nargs="+")
    parser.add_argument("--gamma", default=0.1, type=float)
    return parser


def evaluate(model, loader, device):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for inputs, targets in loader:
            inputs, targets = inputs.to(device), targets.to(device)
            correct += model(inputs).argmax(1).eq(targets).sum().item()
            total += targets.size(0)
    return 100.0 * correct / max(total, 1)


def main(model, trainloader, testloader, device="cuda"):
    args = get_parser().parse_args()
    model = model.to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    lr_sched = MultiStepLR(optimizer, milestones=args.milestones, gamma=args.gamma)

    best_acc = 0.0
    for epoch in range(args.epochs):
        lr_sched.step()
        model.train()
        for inputs, targets in trainloader:
            inputs, targets = inputs.to(device), targets.to(device)
            optimizer.zero_grad()
            loss = criterion(model(inputs), targets)
            loss.backward()
            optimizer.step()
        acc = evaluate(model, testloader, device)
        best_acc = max(best_acc, acc)
        print(f"Epoch {epoch}: lr={lr_sched.get_last_lr()[0]:.4f} acc={acc:.2f} best={best_acc:.2f}")
