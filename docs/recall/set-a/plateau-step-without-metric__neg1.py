import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import ReduceLROnPlateau


def validate(model, loader, device):
    model.eval()
    total, n = 0.0, 0
    with torch.no_grad():
        for x, y in loader:
            total += F.cross_entropy(model(x.to(device)), y.to(device), reduction="sum").item()
            n += y.size(0)
    return total / max(1, n)


def train(model, train_loader, val_loader, epochs=100, lr=1e-3, device="cuda"):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    scheduler = ReduceLROnPlateau(optimizer, mode="min", factor=0.1, patience=10, threshold=1e-4)
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x.to(device)), y.to(device))
            loss.backward()
            optimizer.step()
        val_loss = validate(model, val_loader, device)
        scheduler.step(val_loss)
        print(f"epoch {epoch}: val loss {val_loss:.4f} lr {optimizer.param_groups[0]['lr']:.2e}")
