from dataclasses import dataclass

import torch
from torch import nn
from torch.optim.lr_scheduler import ReduceLROnPlateau


@dataclass
class Cfg:
    lr: float = 1e-3
    epochs: int = 100
    patience: int = 5
    factor: float = 0.5
    verbose: bool = True


class Trainer:
    def __init__(self, net: nn.Module, train_dl, val_dl, cfg: Cfg):
        self.net, self.train_dl, self.val_dl, self.cfg = net, train_dl, val_dl, cfg
        self.opt = torch.optim.Adam(net.parameters(), lr=cfg.lr)
        self.sched = ReduceLROnPlateau(self.opt, mode="min", factor=cfg.factor,
                                       patience=cfg.patience, verbose=cfg.verbose)
        self.crit = nn.MSELoss()

    def train_epoch(self):
        self.net.train()
        for x, y in self.train_dl:
            self.opt.zero_grad()
            loss = self.crit(self.net(x), y)
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        total, n = 0.0, 0
        for x, y in self.val_dl:
            total += self.crit(self.net(x), y).item() * len(x)
            n += len(x)
        return total / max(n, 1)

    def fit(self):
        for ep in range(self.cfg.epochs):
            self.train_epoch()
            val_loss = self.validate()
            self.sched.step(val_loss)
            print(f"ep {ep} val {val_loss:.5f} lr {self.opt.param_groups[0]['lr']:.2e}")
