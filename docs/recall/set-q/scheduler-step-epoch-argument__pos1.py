import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR


def train_epoch(model, loader, criterion, optimizer):
    model.train()
    total, n = 0.0, 0
    for inputs, targets in loader:
        optimizer.zero_grad()
        loss = criterion(model(inputs), targets)
        loss.backward()
        optimizer.step()
        total += loss.item() * inputs.size(0)
        n += inputs.size(0)
    return total / max(1, n)


def main(model, train_loader, args):
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.wd)
    scheduler = MultiStepLR(optimizer, milestones=[100, 150], gamma=0.1)
    for epoch in range(args.start_epoch, args.epochs):
        avg = train_epoch(model, train_loader, criterion, optimizer)
        scheduler.step(epoch)
        print("Epoch: [{}] loss {:.4f} lr {:.5f}".format(epoch, avg, optimizer.param_groups[0]["lr"]))
