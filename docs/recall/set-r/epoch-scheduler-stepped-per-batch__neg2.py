from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR


@dataclass
class TrainConfig:
    epochs: int = 30
    lr: float = 1e-3
    weight_decay: float = 0.05
    min_lr: float = 1e-6


class Trainer:
    def __init__(self, net, loader, cfg: TrainConfig, device="cuda"):
        self.net = net.to(device)
        self.loader = loader
        self.cfg = cfg
        self.device = device
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr,
                                     weight_decay=cfg.weight_decay)
        # cosine over the whole run, in iterations
        n_iters = cfg.epochs * len(loader)
        self.sched = CosineAnnealingLR(self.opt, T_max=n_iters, eta_min=cfg.min_lr)

    def _train_step(self, x, y):
        self.opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(self.net(x), y)
        loss.backward()
        self.opt.step()
        self.sched.step()
        return loss.item()

    def run(self):
        for epoch in range(self.cfg.epochs):
            self.net.train()
            total = 0.0
            for x, y in self.loader:
                total += self._train_step(x.to(self.device), y.to(self.device))
            print(f"epoch {epoch}: {total / max(1, len(self.loader)):.4f}")
