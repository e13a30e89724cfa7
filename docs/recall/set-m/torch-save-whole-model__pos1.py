import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def evaluate(model, loader, device):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            correct += (model(x).argmax(1) == y).sum().item()
            total += y.numel()
    model.train()
    return correct / max(total, 1)


def train(model, train_ds, val_ds, epochs=30, lr=1e-3, out_dir="runs/exp", device="cuda"):
    os.makedirs(out_dir, exist_ok=True)
    model = model.to(device)
    train_loader = DataLoader(train_ds, batch_size=128, shuffle=True, num_workers=4)
    val_loader = DataLoader(val_ds, batch_size=256, num_workers=4)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    best_acc = 0.0
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
        acc = evaluate(model, val_loader, device)
        print(f"epoch {epoch + 1}/{epochs} val_acc={acc:.4f}")
        if acc > best_acc:
            best_acc = acc
            torch.save(model, os.path.join(out_dir, "best.pt"))
    return best_acc
