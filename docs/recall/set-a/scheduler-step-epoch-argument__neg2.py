import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import ReduceLROnPlateau


def validate(net, loader, device):
    net.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for x, y in loader:
            total += F.mse_loss(net(x.to(device)), y.to(device), reduction="sum").item()
            count += y.numel()
    return total / max(1, count)


def fit(net, train_dl, val_dl, epochs=100, device="cuda"):
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    plateau = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=5, min_lr=1e-6)
    for epoch in range(epochs):
        net.train()
        for x, y in train_dl:
            loss = F.mse_loss(net(x.to(device)), y.to(device))
            opt.zero_grad()
            loss.backward()
            opt.step()
        val_loss = validate(net, val_dl, device)
        plateau.step(val_loss)
        print(f"epoch {epoch}: val {val_loss:.5f} lr {opt.param_groups[0]['lr']:.2e}")
