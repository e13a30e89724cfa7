import os

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=cfg.epochs, eta_min=cfg.lr * 1e-2)
        self.start_epoch = 0

    def resume(self, path):
        ckpt = torch.load(path, map_location="cpu")
        self.net.load_state_dict(ckpt["net"])
        self.opt.load_state_dict(ckpt["opt"])
        self.lr_sched.load_state_dict(ckpt["lr_sched"])
        self.start_epoch = ckpt["epoch"] + 1

    def save(self, ep):
        torch.save({"net": self.net.state_dict(), "opt": self.opt.state_dict(),
                    "lr_sched": self.lr_sched.state_dict(), "epoch": ep},
                   os.path.join(self.cfg.out_dir, "last.pt"))

    def fit(self):
        ep = self.start_epoch
        while ep < self.cfg.epochs:
            self.net.train()
            for batch in self.loader:
                loss = self.net.training_loss(batch)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            self.lr_sched.step(epoch=ep + 1)
            self.save(ep)
            print(f"epoch {ep}: lr={self.lr_sched.get_last_lr()[0]:.2e}")
            ep += 1
