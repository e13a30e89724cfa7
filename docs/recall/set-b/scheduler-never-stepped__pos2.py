import os

import torch
from torch.optim.lr_scheduler import MultiStepLR


class Trainer:
    def __init__(self, net, loader, cfg):
        self.net = net.cuda()
        self.loader = loader
        self.cfg = cfg
        self.optim = torch.optim.SGD(net.parameters(), lr=cfg["lr"], momentum=0.9,
                                     weight_decay=cfg["wd"])
        self.lr_sched = MultiStepLR(self.optim, milestones=cfg["milestones"], gamma=0.1)
        self.start_epoch = 0

    def save(self, epoch):
        torch.save({
            "epoch": epoch,
            "net": self.net.state_dict(),
            "optim": self.optim.state_dict(),
            "lr_sched": self.lr_sched.state_dict(),
        }, os.path.join(self.cfg["ckpt_dir"], "last.pth"))

    def load(self, path):
        ckpt = torch.load(path, map_location="cpu")
        self.net.load_state_dict(ckpt["net"])
        self.optim.load_state_dict(ckpt["optim"])
        self.lr_sched.load_state_dict(ckpt["lr_sched"])
        self.start_epoch = ckpt["epoch"] + 1

    def train_epoch(self, epoch):
        self.net.train()
        for i, (x, y) in enumerate(self.loader):
            loss = torch.nn.functional.cross_entropy(self.net(x.cuda()), y.cuda())
            self.optim.zero_grad()
            loss.backward()
            self.optim.step()
            if i % 100 == 0:
                print(f"[{epoch}:{i}] loss {loss.item():.4f} lr {self.lr_sched.get_last_lr()[0]:.4f}")

    def run(self):
        for epoch in range(self.start_epoch, self.cfg["epochs"]):
            self.train_epoch(epoch)
            self.save(epoch)
