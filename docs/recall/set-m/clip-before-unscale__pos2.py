from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader


@dataclass
class Config:
    lr: float = 1e-3
    epochs: int = 50
    batch_size: int = 64
    clip_value: float = 0.5
    device: str = "cuda"


class Trainer:
    def __init__(self, net: nn.Module, train_set, cfg: Config):
        self.cfg = cfg
        self.net = net.to(cfg.device)
        self.loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True,
                                 drop_last=True, num_workers=4)
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg.lr)
        self.scaler = torch.amp.GradScaler("cuda")

    def backward_and_step(self, loss):
        self.scaler.scale(loss).backward()
        if self.cfg.clip_value > 0:
            nn.utils.clip_grad_value_(self.net.parameters(), self.cfg.clip_value)
        self.scaler.step(self.opt)
        self.scaler.update()

    def train_epoch(self):
        self.net.train()
        for seq, target in self.loader:
            seq, target = seq.to(self.cfg.device), target.to(self.cfg.device)
            self.opt.zero_grad(set_to_none=True)
            with torch.autocast(device_type="cuda", dtype=torch.float16):
                pred, _ = self.net(seq)
                loss = F.mse_loss(pred, target)
            self.backward_and_step(loss)

    def fit(self):
        for _ in range(self.cfg.epochs):
            self.train_epoch()
