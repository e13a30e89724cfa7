import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR


def validate(model, val_loader, criterion):
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for x, y in val_loader:
            total += criterion(model(x), y).item() * y.size(0)
            count += y.size(0)
    return total / count


def main(model, train_loader, val_loader, args):
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.weight_decay)
    scheduler = MultiStepLR(optimizer, milestones=[150, 225], gamma=0.1)
    for epoch in range(args.start_epoch, args.epochs):
        model.train()
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
        scheduler.step(epoch)
        val_loss = validate(model, val_loader, criterion)
        print(f"epoch {epoch} val_loss {val_loss:.4f} lr {optimizer.param_groups[0]['lr']:.4f}")
