import os

import torch
import torch.nn as nn
from torch.optim import SGD
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.data import DataLoader

from models import ResNetCifar
from data import build_cifar10


class Trainer:
    def __init__(self, cfg):
        self.cfg = cfg
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.net = ResNetCifar(depth=cfg.depth).to(self.device)
        self.opt = SGD(self.net.parameters(), lr=cfg.lr, momentum=0.9,
                       weight_decay=5e-4, nesterov=True)
        self.lr_sched = MultiStepLR(self.opt, milestones=[100, 150], gamma=0.1)
        train_set = build_cifar10(cfg.data_root, train=True)
        self.loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True,
                                 num_workers=4, drop_last=True)
        self.criterion = nn.CrossEntropyLoss()
        self.start_epoch = 0

    def save(self, epoch):
        os.makedirs(self.cfg.out_dir, exist_ok=True)
        torch.save({
            "epoch": epoch,
            "net": self.net.state_dict(),
            "opt": self.opt.state_dict(),
        }, os.path.join(self.cfg.out_dir, "last.pth"))

    def train_epoch(self):
        self.net.train()
        running = 0.0
        for images, targets in self.loader:
            images = images.to(self.device, non_blocking=True)
            targets = targets.to(self.device, non_blocking=True)
            self.opt.zero_grad(set_to_none=True)
            loss = self.criterion(self.net(images), targets)
            loss.backward()
            self.opt.step()
            running += loss.item()
        return running / len(self.loader)

    def fit(self):
        for epoch in range(self.start_epoch, self.cfg.epochs):
            avg = self.train_epoch()
            self.lr_sched.step()
            print(f"epoch {epoch} loss {avg:.4f} lr {self.lr_sched.get_last_lr()[0]:.5f}")
            self.save(epoch)
