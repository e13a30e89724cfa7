from dataclasses import dataclass

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader


@dataclass
class FinetuneConfig:
    epochs: int = 30
    lr: float = 1e-3
    batch_size: int = 96
    weight_decay: float = 0.05
    min_lr: float = 1e-6


def finetune(backbone: nn.Module, train_ds, val_ds, cfg: FinetuneConfig, device="cuda"):
    train_dl = DataLoader(train_ds, batch_size=cfg.batch_size, shuffle=True, num_workers=6)
    val_dl = DataLoader(val_ds, batch_size=cfg.batch_size * 2, num_workers=6)
    backbone.to(device)

    optimizer = torch.optim.AdamW(backbone.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    lr_sched = CosineAnnealingLR(optimizer, T_max=cfg.epochs, eta_min=cfg.min_lr)
    ce = nn.CrossEntropyLoss()

    best = 0.0
    for ep in range(cfg.epochs):
        backbone.train()
        for xb, yb in train_dl:
            xb, yb = xb.to(device), yb.to(device)
            optimizer.zero_grad(set_to_none=True)
            ce(backbone(xb), yb).backward()
            optimizer.step()
        lr_sched.step()

        backbone.eval()
        right = count = 0
        with torch.no_grad():
            for xb, yb in val_dl:
                out = backbone(xb.to(device))
                right += (out.argmax(-1).cpu() == yb).sum().item()
                count += len(yb)
        acc = right / count
        if acc > best:
            best = acc
            torch.save(backbone.state_dict(), "best.pth")
        print(f"ep {ep} acc {acc:.3f} lr {lr_sched.get_last_lr()[0]:.2e}")
    return best
