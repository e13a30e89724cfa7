import torch
from torch import nn
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, net, train_dl, val_dl, cfg):
        self.net = net.to(cfg.device)
        self.train_dl = train_dl
        self.val_dl = val_dl
        self.cfg = cfg
        self.crit = nn.SmoothL1Loss()
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg.lr)
        self.lr_scheduler = CosineAnnealingLR(self.opt, T_max=cfg.epochs, eta_min=cfg.lr * 0.01)

    def train_epoch(self):
        self.net.train()
        acc_loss = 0.0
        for feats, target in self.train_dl:
            feats, target = feats.to(self.cfg.device), target.to(self.cfg.device)
            self.opt.zero_grad()
            loss = self.crit(self.net(feats), target)
            loss.backward()
            self.opt.step()
            acc_loss += loss.item()
        return acc_loss / len(self.train_dl)

    @torch.no_grad()
    def evaluate(self):
        self.net.eval()
        acc_loss = 0.0
        for feats, target in self.val_dl:
            pred = self.net(feats.to(self.cfg.device))
            acc_loss += self.crit(pred, target.to(self.cfg.device)).item()
        return acc_loss / len(self.val_dl)

    def fit(self):
        for epoch in range(self.cfg.epochs):
            tr = self.train_epoch()
            va = self.evaluate()
            lr = self.lr_scheduler.get_last_lr()[0]
            print(f"epoch {epoch:3d} | train {tr:.4f} | val {va:.4f} | lr {lr:.2e}")
