from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import OneCycleLR


@dataclass
class OptimCfg:
    max_lr: float = 2e-3
    epochs: int = 20
    pct_start: float = 0.25
    weight_decay: float = 1e-2
    log_lr: bool = False


class Learner:
    def __init__(self, net, loader, cfg: OptimCfg):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg.max_lr, weight_decay=cfg.weight_decay)
        self.sched = OneCycleLR(
            self.opt,
            max_lr=cfg.max_lr,
            epochs=cfg.epochs,
            steps_per_epoch=len(loader),
            pct_start=cfg.pct_start,
            verbose=cfg.log_lr,
        )

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.net.train()
            for xb, yb in self.loader:
                loss = torch.nn.functional.cross_entropy(self.net(xb), yb)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.sched.step()
