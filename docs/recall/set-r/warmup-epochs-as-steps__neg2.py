from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


@dataclass
class Config:
    epochs: int = 300
    warmup_epochs: int = 20
    base_lr: float = 1e-3
    min_lr: float = 1e-5
    weight_decay: float = 0.05


def build_scheduler(opt, cfg: Config):
    # both pieces count epochs: the scheduler is stepped at the end of every epoch
    warm = LinearLR(opt, start_factor=0.01, total_iters=cfg.warmup_epochs)
    cos = CosineAnnealingLR(opt, T_max=max(1, cfg.epochs - cfg.warmup_epochs),
                            eta_min=cfg.min_lr)
    return SequentialLR(opt, schedulers=[warm, cos], milestones=[cfg.warmup_epochs])


def train(net, loader, cfg: Config):
    opt = torch.optim.AdamW(net.parameters(), lr=cfg.base_lr, weight_decay=cfg.weight_decay)
    sched = build_scheduler(opt, cfg)
    net.cuda()
    for epoch in range(cfg.epochs):
        net.train()
        total = 0.0
        for x, y in loader:
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(net(x.cuda()), y.cuda())
            loss.backward()
            opt.step()
            total += loss.item()
        sched.step()
        print(f"epoch {epoch}: loss {total / max(1, len(loader)):.4f}")
