import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR


def train_one_epoch(net, loader, opt, crit, device):
    net.train()
    for data, target in loader:
        data, target = data.to(device), target.to(device)
        opt.zero_grad()
        loss = crit(net(data), target)
        loss.backward()
        opt.step()


def main(net, train_loader):
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--milestones", type=int, nargs="+", default=[60, 120, 160])
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = net.to(device)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    sched = MultiStepLR(opt, milestones=args.milestones, gamma=0.2)
    crit = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        sched.step()
        train_one_epoch(net, train_loader, opt, crit, device)
        torch.save(net.state_dict(), "last.pth")
