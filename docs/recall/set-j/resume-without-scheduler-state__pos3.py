import os
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


@dataclass
class TrainConfig:
    epochs: int = 30
    batch_size: int = 128
    max_lr: float = 3e-3
    out_dir: str = "runs/exp"
    ckpt_every: int = 5


class Trainer:
    def __init__(self, net, train_set, cfg: TrainConfig):
        self.cfg = cfg
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.net = net.to(self.device)
        self.loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True,
                                 num_workers=4, drop_last=True)
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg.max_lr / 25)
        self.sched = OneCycleLR(self.opt, max_lr=cfg.max_lr, epochs=cfg.epochs,
                                steps_per_epoch=len(self.loader))
        self.epoch = 0

    def _save_checkpoint(self, tag):
        os.makedirs(self.cfg.out_dir, exist_ok=True)
        payload = {"epoch": self.epoch, "net": self.net.state_dict(), "opt": self.opt.state_dict()}
        torch.save(payload, os.path.join(self.cfg.out_dir, f"{tag}.pt"))

    def train_epoch(self):
        self.net.train()
        for x, y in self.loader:
            x, y = x.to(self.device), y.to(self.device)
            self.opt.zero_grad()
            loss = F.cross_entropy(self.net(x), y)
            loss.backward()
            self.opt.step()
            self.sched.step()

    def fit(self):
        while self.epoch < self.cfg.epochs:
            self.train_epoch()
            self.epoch += 1
            if self.epoch % self.cfg.ckpt_every == 0:
                self._save_checkpoint(f"epoch{self.epoch:03d}")
