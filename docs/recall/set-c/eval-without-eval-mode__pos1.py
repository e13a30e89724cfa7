import torch
from torch import nn


def train_one_epoch(model, loader, opt, crit, device):
    model.train()
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        opt.zero_grad()
        loss = crit(model(x), y)
        loss.backward()
        opt.step()
    return loss.item()


def evaluate(model, loader, crit, device):
    total_loss, correct, n = 0.0, 0, 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            out = model(x)
            total_loss += crit(out, y).item() * y.size(0)
            correct += (out.argmax(1) == y).sum().item()
            n += y.size(0)
    return total_loss / n, correct / n


def fit(model, train_loader, val_loader, epochs=30, lr=0.05, device="cuda"):
    model.to(device)
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    crit = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        tr_loss = train_one_epoch(model, train_loader, opt, crit, device)
        va_loss, va_acc = evaluate(model, val_loader, crit, device)
        print(f"{epoch:3d} train {tr_loss:.3f} val {va_loss:.3f} acc {va_acc:.3%}")
