import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, model, train_set, cfg):
        self.cfg = cfg
        self.model = model.to(cfg.device)
        self.loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True,
                                 num_workers=cfg.workers, pin_memory=True)
        self.optim = torch.optim.SGD(self.model.parameters(), lr=cfg.lr, momentum=0.9)
        self.sched = StepLR(self.optim, step_size=30, gamma=0.1)
        self.loss_fn = nn.CrossEntropyLoss()
        self.epoch = 0

    def state(self):
        return {
            "epoch": self.epoch,
            "model": self.model.state_dict(),
            "optimizer": self.optim.state_dict(),
            "scheduler": self.sched.state_dict(),
        }

    def save(self, path):
        torch.save(self.state(), path)

    def resume(self, path):
        ckpt = torch.load(path, map_location=self.cfg.device)
        self.model.load_state_dict(ckpt["model"])
        self.optim.load_state_dict(ckpt["optimizer"])
        self.sched.load_state_dict(ckpt["scheduler"])
        self.epoch = ckpt["epoch"] + 1

    def fit(self):
        if self.cfg.resume and os.path.isfile(self.cfg.resume):
            self.resume(self.cfg.resume)
        while self.epoch < self.cfg.epochs:
            self.model.train()
            for x, y in self.loader:
                x, y = x.to(self.cfg.device), y.to(self.cfg.device)
                self.optim.zero_grad()
                loss = self.loss_fn(self.model(x), y)
                loss.backward()
                self.optim.step()
            self.sched.step()
            self.save(os.path.join(self.cfg.out_dir, "checkpoint.pth"))
            self.epoch += 1
