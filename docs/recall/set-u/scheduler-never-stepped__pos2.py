import os

import torch
from torch.optim.lr_scheduler import MultiStepLR


class Trainer:
    def __init__(self, cfg, model, train_loader):
        self.cfg = cfg
        self.model = model.cuda()
        self.train_loader = train_loader
        self.optim = torch.optim.SGD(self.model.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=cfg.wd)
        self.lr_sched = MultiStepLR(self.optim, milestones=cfg.milestones, gamma=cfg.gamma)
        self.start_epoch = 0

    def save(self, epoch):
        os.makedirs(self.cfg.out_dir, exist_ok=True)
        torch.save(
            {
                "epoch": epoch,
                "model": self.model.state_dict(),
                "optim": self.optim.state_dict(),
                "lr_sched": self.lr_sched.state_dict(),
            },
            os.path.join(self.cfg.out_dir, "last.pth"),
        )

    def train_one_epoch(self, epoch):
        self.model.train()
        for step, (imgs, targets) in enumerate(self.train_loader):
            imgs, targets = imgs.cuda(), targets.cuda()
            loss = self.model(imgs, targets)
            self.optim.zero_grad()
            loss.backward()
            self.optim.step()
            if step % self.cfg.log_every == 0:
                print(f"ep {epoch} step {step} loss {loss.item():.4f} lr {self.lr_sched.get_last_lr()[0]:.4g}")

    def run(self):
        for epoch in range(self.start_epoch, self.cfg.epochs):
            self.train_one_epoch(epoch)
            self.save(epoch)
