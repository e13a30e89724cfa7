import os

import torch
from torch.optim.lr_scheduler import MultiStepLR


class PoseTrainer:
    def __init__(self, net, train_loader, cfg):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.cfg = cfg
        self.optimizer = torch.optim.Adam(self.net.parameters(), lr=cfg["lr"])
        self.lr_scheduler = MultiStepLR(self.optimizer, milestones=cfg["lr_steps"], gamma=cfg["lr_factor"])
        self.criterion = torch.nn.MSELoss()
        self.start_epoch = 0

    def save(self, epoch):
        state = {
            "epoch": epoch + 1,
            "state_dict": self.net.state_dict(),
            "optimizer": self.optimizer.state_dict(),
            "lr_scheduler": self.lr_scheduler.state_dict(),
        }
        torch.save(state, os.path.join(self.cfg["out_dir"], "checkpoint.pth"))

    def train_epoch(self, epoch):
        self.net.train()
        for i, (inp, target, weight) in enumerate(self.train_loader):
            out = self.net(inp.cuda())
            loss = self.criterion(out * weight.cuda(), target.cuda() * weight.cuda())
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            if i % self.cfg["print_freq"] == 0:
                print(f"Epoch [{epoch}][{i}/{len(self.train_loader)}] loss {loss.item():.6f}")

    def fit(self):
        for epoch in range(self.start_epoch, self.cfg["end_epoch"]):
            self.train_epoch(epoch)
            self.save(epoch)
