import math
from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import LambdaLR


@dataclass
class TrainConfig:
    epochs: int = 100
    warmup_epochs: int = 10
    base_lr: float = 1.5e-4
    min_lr_ratio: float = 0.01
    weight_decay: float = 0.05


def cosine_with_warmup(warm, total, floor):
    def factor(step):
        if step < warm:
            return (step + 1) / warm
        t = min(1.0, (step - warm) / max(1, total - warm))
        return floor + (1.0 - floor) * 0.5 * (1.0 + math.cos(math.pi * t))
    return factor


class Pretrainer:
    def __init__(self, mae, loader, cfg: TrainConfig):
        self.mae, self.loader, self.cfg = mae, loader, cfg
        self.opt = torch.optim.AdamW(mae.parameters(), lr=cfg.base_lr, betas=(0.9, 0.95),
                                     weight_decay=cfg.weight_decay)
        total_steps = cfg.epochs * len(loader)
        self.sched = LambdaLR(self.opt, cosine_with_warmup(cfg.warmup_epochs, total_steps, cfg.min_lr_ratio))

    def train(self):
        for epoch in range(self.cfg.epochs):
            self.mae.train()
            for it, imgs in enumerate(self.loader):
                loss = self.mae(imgs.cuda(non_blocking=True), mask_ratio=0.75)
                self.opt.zero_grad(set_to_none=True)
                loss.backward()
                self.opt.step()
                self.sched.step()
                if it % 100 == 0:
                    print(f"ep {epoch} it {it} loss {loss.item():.4f} lr {self.sched.get_last_lr()[0]:.2e}")
