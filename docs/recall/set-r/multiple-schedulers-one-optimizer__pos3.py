import torch
from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts, ReduceLROnPlateau

hp = {"lr": 1e-3, "epochs": 60, "t0": 10, "patience": 3}


def evaluate(net, loader, loss_fn):
    net.eval()
    total = 0.0
    with torch.no_grad():
        for x, y in loader:
            total += loss_fn(net(x.cuda()), y.cuda()).item()
    net.train()
    return total / max(1, len(loader))


def fit(net, train_loader, val_loader, loss_fn):
    opt = torch.optim.AdamW(net.parameters(), lr=hp["lr"], weight_decay=1e-4)
    restarts = CosineAnnealingWarmRestarts(opt, T_0=hp["t0"], eta_min=1e-6)
    plateau = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=hp["patience"])

    best = float("inf")
    net.cuda().train()
    for ep in range(hp["epochs"]):
        for x, y in train_loader:
            opt.zero_grad()
            loss = loss_fn(net(x.cuda()), y.cuda())
            loss.backward()
            opt.step()
        restarts.step()

        val = evaluate(net, val_loader, loss_fn)
        plateau.step(val)
        if val < best:
            best = val
            torch.save(net.state_dict(), "best.pt")
        print(f"ep {ep} val {val:.4f} lr {opt.param_groups[0]['lr']:.2e}")
    return best
