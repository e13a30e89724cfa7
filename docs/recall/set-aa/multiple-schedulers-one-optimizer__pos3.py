import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, ReduceLROnPlateau


def evaluate(net, loader, loss_fn, device):
    net.eval()
    total, n = 0.0, 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            total += loss_fn(net(x), y).item() * x.size(0)
            n += x.size(0)
    net.train()
    return total / n


def train_regressor(net, train_loader, val_loader, epochs=150, lr=1e-3, device="cuda"):
    net.to(device)
    loss_fn = nn.SmoothL1Loss()
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    anneal = CosineAnnealingLR(opt, T_max=epochs, eta_min=1e-5)
    on_plateau = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=10)

    best = float("inf")
    for epoch in range(epochs):
        net.train()
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss_fn(net(x), y).backward()
            opt.step()
        anneal.step()
        val_loss = evaluate(net, val_loader, loss_fn, device)
        on_plateau.step(val_loss)
        if val_loss < best:
            best = val_loss
            torch.save(net.state_dict(), "regressor_best.pt")
        print(f"{epoch:3d} val {val_loss:.5f} lr {opt.param_groups[0]['lr']:.2e}")
    return best
