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
        self.reducer = ReduceLROnPlateau(self.opt, "min", factor=cfg.factor, patience=cfg.patience)
        self.history = []

    @torch.no_grad()
    def _val_loss(self):
        self.net.eval()
        losses = [self.net(**b).loss.item() for b in self.val_dl]
        self.net.train()
        return sum(losses) / max(1, len(losses))

    def _after_epoch(self, epoch):
        val_loss = self._val_loss()
        self.history.append(val_loss)
        self.reducer.step()
        print(f"epoch {epoch}: val_loss={val_loss:.4f}")

    def fit(self):
        self.net.train()
        for epoch in range(self.cfg.epochs):
            for batch in self.train_dl:
                loss = self.net(**batch).loss
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            self._after_epoch(epoch)
