import torch
import torch.nn as nn
from torch.optim.lr_scheduler import ReduceLROnPlateau


@torch.no_grad()
def validate(model, loader, criterion, device):
    model.eval()
    total, n = 0.0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        total += criterion(model(x), y).item() * y.size(0)
        n += y.size(0)
    return total / max(n, 1)


def train(model, train_loader, val_loader, epochs=100, lr=1e-3, device="cuda"):
    model = model.to(device)
    criterion = nn.SmoothL1Loss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-5)
    scheduler = ReduceLROnPlateau(optimizer, mode="min", factor=0.1, patience=10)
    best = float("inf")
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
        val_loss = validate(model, val_loader, criterion, device)
        scheduler.step()
        if val_loss < best:
            best = val_loss
            torch.save(model.state_dict(), "best.pth")
        print(f"epoch {epoch}: val_loss={val_loss:.4f} lr={optimizer.param_groups[0]['lr']:.2e}")
    return best
