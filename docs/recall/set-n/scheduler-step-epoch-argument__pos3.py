import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


def evaluate(net, loader, device):
    net.eval()
    total, n = 0.0, 0
    with torch.no_grad():
        for x, y in loader:
            pred = net(x.to(device))
            total += torch.nn.functional.l1_loss(pred, y.to(device), reduction="sum").item()
            n += y.numel()
    return total / max(1, n)


def run(net, train_loader, val_loader, n_epochs=200, device="cuda"):
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    plateau = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=10, min_lr=1e-6)
    best = float("inf")
    for epoch in range(n_epochs):
        net.train()
        for x, y in train_loader:
            loss = torch.nn.functional.l1_loss(net(x.to(device)), y.to(device))
            opt.zero_grad()
            loss.backward()
            opt.step()

        val_mae = evaluate(net, val_loader, device)
        plateau.step(val_mae, epoch)
        if val_mae < best:
            best = val_mae
            torch.save(net.state_dict(), "best_model.pt")
        print(f"[{epoch:03d}] val MAE {val_mae:.4f} (best {best:.4f}) "
              f"lr {opt.param_groups[0]['lr']:.1e}")
