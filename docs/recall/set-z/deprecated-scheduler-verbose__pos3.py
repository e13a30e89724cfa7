from dataclasses import dataclass, field

import torch
from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts


@dataclass
class OptimConfig:
    lr: float = 2e-4
    weight_decay: float = 0.05
    t0: int = 10
    t_mult: int = 2
    eta_min: float = 1e-6
    log_lr: bool = False
    betas: tuple = field(default=(0.9, 0.999))


def build(net, cfg: OptimConfig):
    opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, betas=cfg.betas, weight_decay=cfg.weight_decay)
    sched = CosineAnnealingWarmRestarts(opt, T_0=cfg.t0, T_mult=cfg.t_mult, eta_min=cfg.eta_min, verbose=cfg.log_lr)
    return opt, sched


def train(net, loader, cfg: OptimConfig, epochs):
    opt, sched = build(net, cfg)
    for epoch in range(epochs):
        net.train()
        running = 0.0
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            running += loss.item()
        sched.step()
        print(f"epoch {epoch}: loss {running / max(1, len(loader)):.4f}")
