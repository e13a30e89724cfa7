import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def evaluate(model, loader, device):
    model.eval()
    total_loss, n = 0.0, 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            total_loss += nn.functional.mse_loss(model(x), y, reduction="sum").item()
            n += y.shape[0]
    return total_loss / max(n, 1)


def train(model, train_ds, val_ds, epochs=50, lr=1e-3, out_dir="runs/reg", device="cuda"):
    os.makedirs(out_dir, exist_ok=True)
    model.to(device)
    train_loader = DataLoader(train_ds, batch_size=64, shuffle=True, num_workers=2)
    val_loader = DataLoader(val_ds, batch_size=128)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    best = float("inf")
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = nn.functional.mse_loss(model(x), y)
            loss.backward()
            opt.step()
        val = evaluate(model, val_loader, device)
        if val < best:
            best = val
            torch.save(model.state_dict(), os.path.join(out_dir, "best.pt"))
    return best
