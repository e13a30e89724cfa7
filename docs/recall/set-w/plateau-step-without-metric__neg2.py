import torch
from torch import nn
from torch.optim import lr_scheduler


def make_scheduler(opt, cfg):
    if cfg["sched"] == "plateau":
        return lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=cfg["patience"])
    if cfg["sched"] == "step":
        return lr_scheduler.StepLR(opt, step_size=cfg["step_size"], gamma=0.1)
    return lr_scheduler.CosineAnnealingLR(opt, T_max=cfg["epochs"])


def step_scheduler(sched, metrics):
    if isinstance(sched, lr_scheduler.ReduceLROnPlateau):
        sched.step(metrics["val_loss"])
    else:
        sched.step()


def train(net: nn.Module, train_dl, val_dl, cfg):
    opt = torch.optim.Adam(net.parameters(), lr=cfg["lr"])
    sched = make_scheduler(opt, cfg)
    crit = nn.L1Loss()
    for epoch in range(cfg["epochs"]):
        net.train()
        for x, y in train_dl:
            opt.zero_grad()
            crit(net(x), y).backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            val_loss = sum(crit(net(x), y).item() for x, y in val_dl) / max(1, len(val_dl))
        step_scheduler(sched, {"val_loss": val_loss})
        print(f"epoch {epoch}: val_loss {val_loss:.4f} lr {opt.param_groups[0]['lr']:.2e}")
