from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


@dataclass
class FitConfig:
    lr: float = 1e-3
    epochs: int = 60
    patience: int = 4
    factor: float = 0.3


class Trainer:
    def __init__(self, net, train_dl, val_dl, cfg: FitConfig):
        self.net = net
        self.train_dl = train_dl
        self.val_dl = val_dl
        self.cfg = cfg
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr)
        self.reducer = ReduceLROnPlateau(self.opt, mode="max", factor=cfg.factor, patience=cfg.patience)

    @torch.no_grad()
    def _val_accuracy(self):
        self.net.eval()
        hits = n = 0
        for x, y in self.val_dl:
            hits += (self.net(x).argmax(-1) == y).sum().item()
            n += y.numel()
        self.net.train()
        return hits / max(1, n)

    def fit(self):
        self.net.train()
        for epoch in range(self.cfg.epochs):
            for x, y in self.train_dl:
                loss = torch.nn.functional.cross_entropy(self.net(x), y)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            acc = self._val_accuracy()
            self.reducer.step(metrics=acc)
            print(f"epoch {epoch}: val_acc={acc:.4f}")
