import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, net, train_set, cfg):
        self.cfg = cfg
        self.net = net.to(cfg.device)
        self.loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True,
                                 num_workers=cfg.workers, drop_last=True)
        self.opt = torch.optim.SGD(self.net.parameters(), lr=cfg.lr, momentum=0.9,
                                   weight_decay=cfg.wd)
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=cfg.epochs, eta_min=1e-5)
        self.criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
        os.makedirs(cfg.out_dir, exist_ok=True)

    def train_one_epoch(self, epoch):
        self.net.train()
        running = 0.0
        for images, targets in self.loader:
            images = images.to(self.cfg.device, non_blocking=True)
            targets = targets.to(self.cfg.device, non_blocking=True)
            self.opt.zero_grad(set_to_none=True)
            loss = self.criterion(self.net(images), targets)
            loss.backward()
            self.opt.step()
            running += loss.item()
        print(f"epoch {epoch}: loss {running / len(self.loader):.4f}")

    def save(self, epoch):
        path = os.path.join(self.cfg.out_dir, f"epoch_{epoch:03d}.pth")
        torch.save({
            "epoch": epoch,
            "model": self.net.state_dict(),
            "optimizer": self.opt.state_dict(),
        }, path)

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.train_one_epoch(epoch)
            self.lr_sched.step()
            if (epoch + 1) % self.cfg.save_every == 0:
                self.save(epoch)
