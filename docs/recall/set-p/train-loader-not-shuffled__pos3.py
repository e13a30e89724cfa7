import torch
import torch.nn as nn
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, net, train_set, cfg):
        self.cfg = cfg
        self.net = net.to(cfg.device)
        self.train_loader = DataLoader(
            train_set,
            batch_size=cfg.batch_size,
            shuffle=False,
            num_workers=cfg.num_workers,
            pin_memory=True,
            drop_last=True,
        )
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
        self.crit = nn.L1Loss()

    def train_epoch(self, epoch):
        self.net.train()
        loss_sum, n = 0.0, 0
        for lr_img, hr_img in self.train_loader:
            lr_img = lr_img.to(self.cfg.device, non_blocking=True)
            hr_img = hr_img.to(self.cfg.device, non_blocking=True)
            self.opt.zero_grad(set_to_none=True)
            loss = self.crit(self.net(lr_img), hr_img)
            loss.backward()
            self.opt.step()
            loss_sum += loss.item()
            n += 1
        print(f"epoch {epoch}: L1 {loss_sum / n:.5f}")

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.train_epoch(epoch)
