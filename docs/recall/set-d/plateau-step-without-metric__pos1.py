import torch
import torch.nn as nn
from torch.optim.lr_scheduler import ReduceLROnPlateau


def evaluate(model, loader, criterion, device):
    model.eval()
    total, n = 0.0, 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            total += criterion(model(x), y).item() * y.size(0)
            n += y.size(0)
    return total / max(1, n)


def main(model, train_loader, val_loader, n_epochs=100, device="cuda"):
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-4, betas=(0.5, 0.999))
    scheduler = ReduceLROnPlateau(optimizer, mode="min", factor=0.2, threshold=0.01, patience=5)
    criterion = nn.L1Loss()
    for epoch in range(n_epochs):
        model.train()
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
        val_loss = evaluate(model, val_loader, criterion, device)
        scheduler.step()
        lr = optimizer.param_groups[0]["lr"]
        print(f"epoch {epoch}: val {val_loss:.4f} lr = {lr:.7f}")
