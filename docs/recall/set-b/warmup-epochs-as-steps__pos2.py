import math
from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import LambdaLR


@dataclass
class SSLConfig:
    epochs: int = 100
    warmup_epochs: int = 10
    base_lr: float = 0.3
    batch_size: int = 512
    min_lr_ratio: float = 0.001


def warmup_cosine(cfg: SSLConfig, steps_per_epoch: int):
    total = cfg.epochs * steps_per_epoch
    warm = cfg.warmup_epochs

    def factor(step):
        if step < warm:
            return (step + 1) / warm
        progress = min(1.0, (step - warm) / max(1, total - warm))
        cos = 0.5 * (1.0 + math.cos(math.pi * progress))
        return cfg.min_lr_ratio + (1.0 - cfg.min_lr_ratio) * cos

    return factor


def pretrain(encoder, projector, loader, cfg: SSLConfig, criterion):
    params = list(encoder.parameters()) + list(projector.parameters())
    opt = torch.optim.SGD(params, lr=cfg.base_lr * cfg.batch_size / 256, momentum=0.9,
                          weight_decay=1e-6)
    sched = LambdaLR(opt, warmup_cosine(cfg, len(loader)))

    for epoch in range(cfg.epochs):
        encoder.train()
        projector.train()
        for (v1, v2), _ in loader:
            z1 = projector(encoder(v1.cuda(non_blocking=True)))
            z2 = projector(encoder(v2.cuda(non_blocking=True)))
            loss = criterion(z1, z2)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {epoch} loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.4f}")
        torch.save(encoder.state_dict(), f"ckpt/encoder_{epoch:04d}.pth")
