import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from models import ResNetClassifier
from data import build_train_set


class Trainer:
    def __init__(self, cfg):
        self.cfg = cfg
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.net = ResNetClassifier(num_classes=cfg.num_classes).to(self.device)
        self.opt = torch.optim.SGD(self.net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=5e-4)
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=cfg.epochs)
        self.loader = DataLoader(build_train_set(cfg.data_root), batch_size=cfg.batch_size,
                                 shuffle=True, num_workers=cfg.workers, drop_last=True)
        self.criterion = nn.CrossEntropyLoss()
        self.start_epoch = 0

    def save_checkpoint(self, epoch):
        path = os.path.join(self.cfg.out_dir, f"epoch_{epoch:03d}.pth")
        torch.save({
            "epoch": epoch,
            "model": self.net.state_dict(),
            "optimizer": self.opt.state_dict(),
        }, path)

    def train_epoch(self):
        self.net.train()
        for images, targets in self.loader:
            images = images.to(self.device, non_blocking=True)
            targets = targets.to(self.device, non_blocking=True)
            self.opt.zero_grad()
            loss = self.criterion(self.net(images), targets)
            loss.backward()
            self.opt.step()

    def fit(self):
        os.makedirs(self.cfg.out_dir, exist_ok=True)
        for epoch in range(self.start_epoch, self.cfg.epochs):
            self.train_epoch()
            self.lr_sched.step()
            if (epoch + 1) % self.cfg.save_every == 0:
                self.save_checkpoint(epoch)
