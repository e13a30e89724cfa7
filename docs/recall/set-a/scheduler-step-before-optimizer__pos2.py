import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR


def parse():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--epochs", type=int, default=200)
    ap.add_argument("--milestones", type=int, nargs="+", default=[60, 120, 160])
    ap.add_argument("--gamma", type=float, default=0.2)
    return ap.parse_args()


def train_one_epoch(net, loader, criterion, opt, device):
    net.train()
    total, correct = 0, 0
    for inputs, targets in loader:
        inputs, targets = inputs.to(device), targets.to(device)
        opt.zero_grad()
        outputs = net(inputs)
        loss = criterion(outputs, targets)
        loss.backward()
        opt.step()
        total += targets.size(0)
        correct += outputs.argmax(1).eq(targets).sum().item()
    return correct / max(1, total)


def main(net, train_loader, device="cuda"):
    args = parse()
    net = net.to(device)
    criterion = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    lr_sched = MultiStepLR(opt, milestones=args.milestones, gamma=args.gamma)
    for epoch in range(args.epochs):
        lr_sched.step()
        acc = train_one_epoch(net, train_loader, criterion, opt, device)
        print(f"Epoch {epoch}: train acc {acc:.3f} lr {lr_sched.get_last_lr()[0]:.4f}")
