from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader


@dataclass
class TrainConfig:
    epochs: int = 90
    lr: float = 3e-4
    weight_decay: float = 0.05
    batch_size: int = 256
    min_lr: float = 1e-6


def run(model, train_ds, cfg: TrainConfig, device="cuda"):
    loader = DataLoader(train_ds, batch_size=cfg.batch_size, shuffle=True, drop_last=True, num_workers=8)
    optim = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    sched = CosineAnnealingLR(optim, T_max=cfg.epochs, eta_min=cfg.min_lr)

    model.to(device)
    for epoch in range(cfg.epochs):
        model.train()
        total, seen = 0.0, 0
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            logits = model(x)
            loss = F.cross_entropy(logits, y, label_smoothing=0.1)
            optim.zero_grad(set_to_none=True)
            loss.backward()
            optim.step()
            total += loss.item() * x.size(0)
            seen += x.size(0)
        sched.step()
        print(f"epoch {epoch:3d} | loss {total / seen:.4f} | lr {sched.get_last_lr()[0]:.2e}")
    return model
