import os

import torch
from torch import nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, net: nn.Module, train_set, cfg):
        self.cfg = cfg
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.net = net.to(self.device)
        self.loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True,
                                 num_workers=cfg.workers, drop_last=True)
        self.opt = torch.optim.SGD(self.net.parameters(), lr=cfg.lr, momentum=0.9,
                                   weight_decay=cfg.wd)
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=cfg.epochs)
        self.criterion = nn.CrossEntropyLoss()
        self.start_epoch = 0

    def train_epoch(self, epoch):
        self.net.train()
        seen, running = 0, 0.0
        for images, labels in self.loader:
            images, labels = images.to(self.device), labels.to(self.device)
            self.opt.zero_grad()
            loss = self.criterion(self.net(images), labels)
            loss.backward()
            self.opt.step()
            running += loss.item() * images.size(0)
            seen += images.size(0)
        self.lr_sched.step()
        return running / max(seen, 1)

    def save_checkpoint(self, epoch, path):
        torch.save({
            "epoch": epoch,
            "model": self.net.state_dict(),
            "optimizer": self.opt.state_dict(),
        }, path)

    def fit(self):
        os.makedirs(self.cfg.out_dir, exist_ok=True)
        for epoch in range(self.start_epoch, self.cfg.epochs):
            avg = self.train_epoch(epoch)
            lr = self.lr_sched.get_last_lr()[0]
            print(f"epoch {epoch}: loss {avg:.4f} lr {lr:.5f}")
            self.save_checkpoint(epoch, os.path.join(self.cfg.out_dir, "last.pth"))
