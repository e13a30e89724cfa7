import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


@torch.no_grad()
def evaluate(net, loader):
    net.eval()
    total = 0.0
    for x, y in loader:
        total += torch.nn.functional.cross_entropy(net(x), y, reduction="sum").item()
    net.train()
    return total / max(1, len(loader.dataset))


def fit(net, train_loader, val_loader, epochs=60, lr=1e-3):
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    plateau = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=3, min_lr=1e-6)
    prev_lrs = [g["lr"] for g in opt.param_groups]
    for epoch in range(epochs):
        net.train()
        for x, y in train_loader:
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        val_loss = evaluate(net, val_loader)
        plateau.step(val_loss)
        lrs = [g["lr"] for g in opt.param_groups]
        if lrs != prev_lrs:
            print(f"epoch {epoch}: reducing learning rate to {lrs[0]:.2e}")
            prev_lrs = lrs
