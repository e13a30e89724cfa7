import os

import torch
import torch.nn as nn
from torch.optim import SGD
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.data import DataLoader

from models import WideResNet
from data import build_cifar100


class Trainer:
    def __init__(self, cfg):
        self.cfg = cfg
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.net = WideResNet(depth=28, widen=10).to(self.device)
        self.opt = SGD(self.net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=5e-4)
        self.lr_sched = MultiStepLR(self.opt, milestones=[60, 120, 160], gamma=0.2)
        self.loader = DataLoader(build_cifar100(cfg.data_root, train=True),
                                 batch_size=cfg.batch_size, shuffle=True, num_workers=4)
        self.criterion = nn.CrossEntropyLoss()
        self.start_epoch = 0

    def save(self, epoch):
        os.makedirs(self.cfg.out_dir, exist_ok=True)
        torch.save({
            "epoch": epoch,
            "net": self.net.state_dict(),
            "opt": self.opt.state_dict(),
            "lr_sched": self.lr_sched.state_dict(),
        }, os.path.join(self.cfg.out_dir, "last.pth"))

    def resume(self, path):
        ckpt = torch.load(path, map_location=self.device)
        self.net.load_state_dict(ckpt["net"])
        self.opt.load_state_dict(ckpt["opt"])
        self.lr_sched.load_state_dict(ckpt["lr_sched"])
        self.start_epoch = ckpt["epoch"] + 1

    def train_epoch(self):
        self.net.train()
        for images, targets in self.loader:
            images, targets = images.to(self.device), targets.to(self.device)
            self.opt.zero_grad(set_to_none=True)
            loss = self.criterion(self.net(images), targets)
            loss.backward()
            self.opt.step()

    def fit(self):
        if self.cfg.resume:
            self.resume(self.cfg.resume)
        for epoch in range(self.start_epoch, self.cfg.epochs):
            self.train_epoch()
            self.lr_sched.step()
            self.save(epoch)
