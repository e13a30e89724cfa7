import torch
import torch.nn as nn
from torch.optim.lr_scheduler import ReduceLROnPlateau


def evaluate(model, loader, criterion):
    model.eval()
    total = 0.0
    with torch.no_grad():
        for x, y in loader:
            total += criterion(model(x), y).item() * x.size(0)
    return total / len(loader.dataset)


def train(model, train_loader, val_loader, epochs=100):
    criterion = nn.SmoothL1Loss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-5)
    scheduler = ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=5, min_lr=1e-6, verbose=True)
    best = float("inf")
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
        val_loss = evaluate(model, val_loader, criterion)
        scheduler.step(val_loss)
        if val_loss < best:
            best = val_loss
            torch.save(model.state_dict(), "best.pth")
        print(f"epoch {epoch:3d} val_loss {val_loss:.5f} best {best:.5f}")
