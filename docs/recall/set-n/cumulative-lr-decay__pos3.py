from dataclasses import dataclass

import torch
from torch.utils.data import DataLoader


@dataclass
class TrainConfig:
    lr_backbone: float = 1e-4
    lr_head: float = 1e-3
    final_ratio: float = 0.05
    epochs: int = 12
    batch_size: int = 16


class DetTrainer:
    def __init__(self, net, dataset, cfg: TrainConfig):
        self.net = net
        self.cfg = cfg
        self.loader = DataLoader(dataset, batch_size=cfg.batch_size, shuffle=True,
                                 collate_fn=getattr(dataset, "collate", None))
        self.opt = torch.optim.AdamW([
            {"params": net.backbone.parameters(), "lr": cfg.lr_backbone},
            {"params": net.head.parameters(), "lr": cfg.lr_head},
        ], weight_decay=1e-4)
        self.group_lrs = [g["lr"] for g in self.opt.param_groups]
        self.total_iters = max(1, cfg.epochs * len(self.loader))
        self.it = 0

    def _decay(self):
        frac = min(self.it, self.total_iters) / self.total_iters
        scale = 1.0 - (1.0 - self.cfg.final_ratio) * frac
        self.group_lrs = [lr * scale for lr in self.group_lrs]
        for g, lr in zip(self.opt.param_groups, self.group_lrs):
            g["lr"] = lr

    def train(self):
        for epoch in range(self.cfg.epochs):
            self.net.train()
            for images, targets in self.loader:
                losses = self.net(images, targets)
                loss = sum(losses.values())
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.it += 1
                self._decay()
            print(f"epoch {epoch} lr_head={self.opt.param_groups[1]['lr']:.2e}")
