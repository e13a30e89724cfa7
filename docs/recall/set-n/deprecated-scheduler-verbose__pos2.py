import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, StepLR


def build_optimizer(model, cfg):
    params = [p for p in model.parameters() if p.requires_grad]
    if cfg["optim"] == "adamw":
        return torch.optim.AdamW(params, lr=cfg["lr"], weight_decay=cfg["wd"])
    return torch.optim.SGD(params, lr=cfg["lr"], momentum=0.9, weight_decay=cfg["wd"])


def build_scheduler(opt, cfg):
    if cfg["sched"] == "cosine":
        return CosineAnnealingLR(opt, T_max=cfg["epochs"], eta_min=cfg.get("min_lr", 0.0))
    step_size, gamma = cfg.get("step_size", 30), cfg.get("gamma", 0.1)
    return StepLR(opt, step_size=step_size, gamma=gamma, verbose=False)


def train(model, loader, cfg):
    opt = build_optimizer(model, cfg)
    sched = build_scheduler(opt, cfg)
    for epoch in range(cfg["epochs"]):
        model.train()
        seen, loss_sum = 0, 0.0
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            loss_sum += loss.item() * len(y)
            seen += len(y)
        sched.step()
        print(f"{epoch}: {loss_sum / max(1, seen):.4f} lr={sched.get_last_lr()[0]:.2e}")
