import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR


def validate(model, loader, device):
    model.eval()
    correct = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x.to(device)).argmax(1) == y.to(device)).sum().item()
    model.train()
    return correct / max(1, len(loader.dataset))


def main(model, train_loader, val_loader, epochs=120, lr=0.1, device="cuda"):
    model = model.to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    scheduler = MultiStepLR(optimizer, milestones=[30, 60, 90], gamma=0.1)
    criterion = nn.CrossEntropyLoss()
    best = 0.0
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
        scheduler.step(epoch)
        acc = validate(model, val_loader, device)
        if acc > best:
            best = acc
            torch.save(model.state_dict(), "best.pth")
        print(f"epoch {epoch}: acc {acc:.4f} (best {best:.4f})")
