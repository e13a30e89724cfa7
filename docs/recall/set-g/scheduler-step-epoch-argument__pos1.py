import argparse

import torch
from torch.optim.lr_scheduler import MultiStepLR


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--epochs", type=int, default=160)
    parser.add_argument("--start-epoch", type=int, default=0)
    parser.add_argument("--schedule", type=int, nargs="+", default=[80, 120])
    return parser.parse_args()


def train_epoch(model, loader, optimizer, criterion):
    model.train()
    for inputs, targets in loader:
        loss = criterion(model(inputs), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def main(model, loader, args):
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
    scheduler = MultiStepLR(optimizer, milestones=args.schedule, gamma=0.1)
    criterion = torch.nn.CrossEntropyLoss()
    for epoch in range(args.start_epoch, args.epochs):
        train_epoch(model, loader, optimizer, criterion)
        scheduler.step(epoch)
        print(f"Epoch {epoch}: lr = {optimizer.param_groups[0]['lr']:.5f}")
