import os

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, net, train_loader, cfg):
        self.cfg = cfg
        self.device = torch.device(cfg.device)
        self.net = net.to(self.device)
        self.train_loader = train_loader
        self.optim = torch.optim.AdamW(self.net.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
        self.lr_sched = CosineAnnealingLR(self.optim, T_max=cfg.epochs, eta_min=cfg.min_lr)
        self.epoch = 0

    def save_checkpoint(self, path):
        torch.save(
            {
                "epoch": self.epoch,
                "net": self.net.state_dict(),
                "optim": self.optim.state_dict(),
                "lr_sched": self.lr_sched.state_dict(),
            },
            path,
        )

    def resume(self, path):
        state = torch.load(path, map_location=self.device)
        self.net.load_state_dict(state["net"])
        self.optim.load_state_dict(state["optim"])
        self.epoch = state["epoch"] + 1

    def train_epoch(self):
        self.net.train()
        total = 0.0
        for step, (x, y) in enumerate(self.train_loader):
            x = x.to(self.device, non_blocking=True)
            y = y.to(self.device, non_blocking=True)
            logits = self.net(x)
            loss = F.cross_entropy(logits, y, label_smoothing=self.cfg.smoothing)
            self.optim.zero_grad(set_to_none=True)
            loss.backward()
            self.optim.step()
            total += loss.item()
        return total / max(len(self.train_loader), 1)

    def fit(self):
        if self.cfg.resume and os.path.isfile(self.cfg.resume):
            self.resume(self.cfg.resume)
        while self.epoch < self.cfg.epochs:
            loss = self.train_epoch()
            self.lr_sched.step()
            print(f"[{self.epoch}] loss={loss:.4f} lr={self.lr_sched.get_last_lr()[0]:.2e}")
            self.save_checkpoint(os.path.join(self.cfg.out_dir, "checkpoint.pt"))
            self.epoch += 1
