import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR, ReduceLROnPlateau


def evaluate(net, loader, device):
    net.eval()
    total, n = 0.0, 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            total += F.mse_loss(net(x), y, reduction="sum").item()
            n += y.numel()
    net.train()
    return total / max(n, 1)


def fit(net, train_loader, val_loader, n_epochs=120, base_lr=1e-3, device="cuda"):
    net.to(device)
    opt = torch.optim.Adam(net.parameters(), lr=base_lr)
    exp_decay = LambdaLR(opt, lr_lambda=lambda ep: 0.97 ** ep)
    plateau = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=5)

    best = float("inf")
    for ep in range(n_epochs):
        net.train()
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = F.mse_loss(net(x), y)
            loss.backward()
            opt.step()
        exp_decay.step()
        val_loss = evaluate(net, val_loader, device)
        plateau.step(val_loss)
        if val_loss < best:
            best = val_loss
            torch.save(net.state_dict(), "best.pt")
        print(f"{ep:03d} val={val_loss:.5f} lr={opt.param_groups[0]['lr']:.2e}")
    return best
