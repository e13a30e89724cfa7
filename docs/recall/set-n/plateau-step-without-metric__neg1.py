import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


class Trainer:
    def __init__(self, net, train_loader, val_loader, cfg):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg
        self.opt = torch.optim.Adam(net.parameters(), lr=cfg.lr)
        self.plateau = ReduceLROnPlateau(self.opt, mode="min", factor=0.5, patience=cfg.patience)

    def train_epoch(self):
        self.net.train()
        for x, y in self.train_loader:
            loss = torch.nn.functional.mse_loss(self.net(x), y)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def val_loss(self):
        self.net.eval()
        total = sum(torch.nn.functional.mse_loss(self.net(x), y, reduction="sum").item()
                    for x, y in self.val_loader)
        return total / len(self.val_loader.dataset)

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.train_epoch()
            vl = self.val_loss()
            self.plateau.step(vl)
            print(f"epoch {epoch} val {vl:.5f} lr {self.opt.param_groups[0]['lr']:.1e}")
