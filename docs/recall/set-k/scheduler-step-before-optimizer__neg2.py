import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR


def train(loader, model, criterion, optimizer, epoch):
    model.train()
    for i, (inp, target) in enumerate(loader):
        inp, target = inp.cuda(non_blocking=True), target.cuda(non_blocking=True)
        loss = criterion(model(inp), target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if i % 100 == 0:
            print(f"Epoch: [{epoch}][{i}/{len(loader)}]\tLoss {loss.item():.4f}")


def validate(loader, model):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for inp, target in loader:
            pred = model(inp.cuda()).argmax(dim=1)
            correct += (pred == target.cuda()).sum().item()
            total += target.size(0)
    return 100.0 * correct / max(1, total)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--lr", type=float, default=0.1)
    args = parser.parse_args()

    from cifar_models import wrn_28_10
    from cifar_data import get_loaders

    model = wrn_28_10(num_classes=100).cuda()
    train_loader, val_loader = get_loaders("./data", batch_size=128)
    criterion = nn.CrossEntropyLoss().cuda()
    optimizer = torch.optim.SGD(model.parameters(), args.lr, momentum=0.9, weight_decay=5e-4, nesterov=True)
    scheduler = MultiStepLR(optimizer, milestones=[60, 120, 160], gamma=0.2)

    best = 0.0
    for epoch in range(args.epochs):
        train(train_loader, model, criterion, optimizer, epoch)
        scheduler.step()
        prec1 = validate(val_loader, model)
        best = max(best, prec1)
        print(f"epoch {epoch} prec@1 {prec1:.2f} best {best:.2f} lr {scheduler.get_last_lr()[0]:.4f}")


if __name__ == "__main__":
    main()
