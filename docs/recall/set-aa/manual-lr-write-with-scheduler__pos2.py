import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR


class DepthTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net.cuda()
        self.loader = loader
        self.cfg = cfg
        self.base_lr = cfg.TRAIN.LR
        self.warm_iters = cfg.TRAIN.WARMUP_ITERS
        self.opt = torch.optim.AdamW(net.parameters(), lr=self.base_lr, weight_decay=cfg.TRAIN.WD)
        total_iters = cfg.TRAIN.EPOCHS * len(loader)
        self.sched = CosineAnnealingLR(self.opt, T_max=total_iters, eta_min=self.base_lr * 0.01)
        self.it = 0
        self.crit = nn.L1Loss()

    def _warmup(self):
        if self.it < self.warm_iters:
            scale = (self.it + 1) / self.warm_iters
            for g in self.opt.param_groups:
                g["lr"] = self.base_lr * scale

    def train_epoch(self, epoch):
        self.net.train()
        for rgb, depth in self.loader:
            rgb, depth = rgb.cuda(non_blocking=True), depth.cuda(non_blocking=True)
            self._warmup()
            pred = self.net(rgb)
            valid = depth > 0
            loss = self.crit(pred[valid], depth[valid])
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            self.sched.step()
            self.it += 1
            if self.it % 100 == 0:
                print(f"ep {epoch} it {self.it} l1 {loss.item():.4f} lr {self.opt.param_groups[0]['lr']:.2e}")

    def fit(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            self.train_epoch(epoch)
            torch.save({"net": self.net.state_dict(), "opt": self.opt.state_dict(),
                        "sched": self.sched.state_dict(), "it": self.it}, "depth_last.pt")
