import os

import torch
from torch import nn
from torch.utils.data import DataLoader


def train_one_epoch(model, loader, opt, crit, device):
    model.train()
    total, n = 0.0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        opt.zero_grad()
        loss = crit(model(x), y)
        loss.backward()
        opt.step()
        total += loss.item() * x.size(0)
        n += x.size(0)
    return total / max(n, 1)


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    correct = n = 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        correct += (model(x).argmax(dim=1) == y).sum().item()
        n += y.numel()
    return correct / max(n, 1)


def fit(model, train_ds, val_ds, epochs, out_dir, lr=1e-3):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model.to(device)
    train_loader = DataLoader(train_ds, batch_size=64, shuffle=True, num_workers=4)
    val_loader = DataLoader(val_ds, batch_size=256, shuffle=False, num_workers=4)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    crit = nn.CrossEntropyLoss()
    os.makedirs(out_dir, exist_ok=True)

    best = 0.0
    for epoch in range(epochs):
        loss = train_one_epoch(model, train_loader, opt, crit, device)
        acc = evaluate(model, val_loader, device)
        print(f"epoch {epoch:3d} loss {loss:.4f} acc {acc:.4f}")
        if acc > best:
            best = acc
            torch.save(model, os.path.join(out_dir, "best_model.pth"))
    return best
