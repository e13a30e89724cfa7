import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR, ReduceLROnPlateau


def run_epoch(net, loader, opt, device):
    net.train()
    total = 0.0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        pred = net(x)
        loss = F.mse_loss(pred, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item() * x.size(0)
    return total / len(loader.dataset)


@torch.no_grad()
def val_loss(net, loader, device):
    net.eval()
    total = 0.0
    for x, y in loader:
        total += F.mse_loss(net(x.to(device)), y.to(device), reduction="sum").item()
    return total / len(loader.dataset)


def fit(net, train_loader, val_loader, hp, device="cuda"):
    net = net.to(device)
    opt = torch.optim.Adam(net.parameters(), lr=hp["lr"], weight_decay=hp.get("wd", 0.0))
    cos = CosineAnnealingLR(opt, T_max=hp["epochs"], eta_min=hp["lr"] * 0.01)
    plateau = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=5)

    best, best_state = float("inf"), None
    for epoch in range(hp["epochs"]):
        tr = run_epoch(net, train_loader, opt, device)
        va = val_loss(net, val_loader, device)
        cos.step()
        plateau.step(va)
        if va < best:
            best = va
            best_state = {k: v.detach().cpu().clone() for k, v in net.state_dict().items()}
        print(f"{epoch:4d} train {tr:.5f} val {va:.5f} lr {opt.param_groups[0]['lr']:.2e}")
    net.load_state_dict(best_state)
    return net, best
