import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, ReduceLROnPlateau


def build_scheduler(opt, cfg):
    if cfg["sched"] == "plateau":
        return ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=cfg["patience"])
    return CosineAnnealingLR(opt, T_max=cfg["epochs"], eta_min=cfg["min_lr"])


@torch.no_grad()
def evaluate(net, loader):
    net.eval()
    total = sum(torch.nn.functional.mse_loss(net(x), y).item() for x, y in loader)
    return total / max(1, len(loader))


def train(net, train_loader, val_loader, cfg):
    opt = torch.optim.Adam(net.parameters(), lr=cfg["lr"])
    sched = build_scheduler(opt, cfg)
    for epoch in range(cfg["epochs"]):
        net.train()
        for x, y in train_loader:
            opt.zero_grad()
            loss = torch.nn.functional.mse_loss(net(x), y)
            loss.backward()
            opt.step()
        val_loss = evaluate(net, val_loader)
        if isinstance(sched, ReduceLROnPlateau):
            sched.step(val_loss)
        else:
            sched.step()
