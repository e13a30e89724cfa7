from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


@dataclass
class OptimConfig:
    lr: float = 1.5e-4
    weight_decay: float = 0.05
    epochs: int = 400
    warmup_epochs: int = 40
    min_lr: float = 0.0


def build_optim(net, cfg: OptimConfig, iters_per_epoch: int):
    opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, betas=(0.9, 0.95), weight_decay=cfg.weight_decay)
    total_iters = cfg.epochs * iters_per_epoch
    warm = LinearLR(opt, start_factor=1e-3, end_factor=1.0, total_iters=cfg.warmup_epochs)
    main = CosineAnnealingLR(opt, T_max=total_iters, eta_min=cfg.min_lr)
    sched = SequentialLR(opt, schedulers=[warm, main], milestones=[cfg.warmup_epochs])
    return opt, sched


def pretrain(net, loader, cfg: OptimConfig):
    opt, sched = build_optim(net, cfg, len(loader))
    net.cuda().train()
    for epoch in range(cfg.epochs):
        for it, (imgs, _) in enumerate(loader):
            loss, _, _ = net(imgs.cuda(non_blocking=True), mask_ratio=0.75)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            if it % 200 == 0:
                print(f"[{epoch}/{cfg.epochs}][{it}] loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.2e}")
    return net
