import torch
import torch.nn as nn
from torch.optim.lr_scheduler import ReduceLROnPlateau


def evaluate(model, loader, device):
    model.eval()
    correct, n = 0, 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x.to(device)).argmax(1) == y.to(device)).sum().item()
            n += y.numel()
    return correct / max(1, n)


def train(model, train_loader, val_loader, epochs=60, device="cuda", verbose=True):
    model = model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-5)
    scheduler = ReduceLROnPlateau(optimizer, mode="max", factor=0.5, patience=3)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
        acc = evaluate(model, val_loader, device)
        before = optimizer.param_groups[0]["lr"]
        scheduler.step(acc)
        after = optimizer.param_groups[0]["lr"]
        if verbose and after < before:
            print(f"Epoch {epoch + 1}: reducing learning rate to {after:.4e}")
        print(f"Epoch {epoch + 1}: val acc {acc:.4f}")
