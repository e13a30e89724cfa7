import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader


class PoseTrainer:
    def __init__(self, net, train_set, cfg):
        self.cfg = cfg
        self.net = net.cuda()
        self.loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True,
                                 num_workers=cfg.workers, pin_memory=True)
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg.lr)
        self.crit = nn.MSELoss()
        self.lr_sched = None

    def _build_scheduler(self):
        return CosineAnnealingLR(self.opt, T_max=self.cfg.epochs, eta_min=self.cfg.lr * 1e-3)

    def _train_epoch(self, epoch):
        self.net.train()
        running = 0.0
        for imgs, heatmaps, weights in self.loader:
            imgs, heatmaps, weights = imgs.cuda(), heatmaps.cuda(), weights.cuda()
            pred = self.net(imgs)
            loss = self.crit(pred * weights, heatmaps * weights)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            running += loss.item()
        return running / len(self.loader)

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.lr_sched = self._build_scheduler()
            loss = self._train_epoch(epoch)
            self.lr_sched.step()
            print(f"epoch {epoch} loss {loss:.5f} lr {self.lr_sched.get_last_lr()[0]:.2e}")
