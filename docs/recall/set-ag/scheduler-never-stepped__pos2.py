import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.data import DataLoader


class SRTrainer:
    def __init__(self, net, train_set, opts):
        self.opts = opts
        self.net = net.cuda()
        self.loader = DataLoader(train_set, batch_size=opts.batch_size, shuffle=True,
                                 num_workers=opts.n_threads, pin_memory=True)
        self.optimizer = torch.optim.Adam(self.net.parameters(), lr=opts.lr, betas=(0.9, 0.99))
        self.lr_scheduler = MultiStepLR(self.optimizer, milestones=opts.lr_milestones, gamma=0.5)
        self.crit = nn.L1Loss()

    def train_step(self, lq, gt):
        sr = self.net(lq)
        loss = self.crit(sr, gt)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()

    def save(self, epoch):
        path = os.path.join(self.opts.ckpt_dir, f"epoch_{epoch:04d}.pth")
        torch.save({
            "net": self.net.state_dict(),
            "optimizer": self.optimizer.state_dict(),
            "lr_scheduler": self.lr_scheduler.state_dict(),
            "epoch": epoch,
        }, path)

    def train(self):
        for epoch in range(self.opts.epochs):
            self.net.train()
            losses = []
            for lq, gt in self.loader:
                losses.append(self.train_step(lq.cuda(), gt.cuda()))
            print(f"epoch {epoch} l1 {sum(losses) / len(losses):.5f}")
            if (epoch + 1) % self.opts.save_every == 0:
                self.save(epoch)
