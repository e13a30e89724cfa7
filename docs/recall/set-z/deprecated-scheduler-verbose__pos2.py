import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


@torch.no_grad()
def validate(net, loader, device):
    net.eval()
    total, n = 0.0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        total += torch.nn.functional.mse_loss(net(x), y, reduction="sum").item()
        n += y.numel()
    return total / max(1, n)


def fit(net, train_loader, val_loader, epochs=200, lr=1e-3, device="cuda"):
    net.to(device)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    plateau = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=10, min_lr=1e-6, verbose=True)
    best = float("inf")
    for epoch in range(epochs):
        net.train()
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            loss = torch.nn.functional.mse_loss(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        val_loss = validate(net, val_loader, device)
        plateau.step(val_loss)
        if val_loss < best:
            best = val_loss
            torch.save(net.state_dict(), "best.pt")
        print(f"epoch {epoch}: val mse {val_loss:.5f} (best {best:.5f})")
