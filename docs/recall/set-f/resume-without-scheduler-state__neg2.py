import os

import torch
from torch.optim.lr_scheduler import OneCycleLR


class Trainer:
    def __init__(self, net, train_loader, epochs, ckpt_dir, lr=1e-3):
        self.net = net
        self.train_loader = train_loader
        self.epochs = epochs
        self.ckpt_dir = ckpt_dir
        self.opt = torch.optim.AdamW(net.parameters(), lr=lr)
        self.lr_sched = OneCycleLR(
            self.opt, max_lr=lr, epochs=epochs, steps_per_epoch=len(train_loader)
        )
        self.epoch = 0

    def state_dict(self):
        return {
            "net": self.net.state_dict(),
            "opt": self.opt.state_dict(),
            "lr_sched": self.lr_sched.state_dict(),
            "epoch": self.epoch,
        }

    def load_state_dict(self, state):
        self.net.load_state_dict(state["net"])
        self.opt.load_state_dict(state["opt"])
        self.lr_sched.load_state_dict(state["lr_sched"])
        self.epoch = state["epoch"]

    def save(self, name="last.pt"):
        os.makedirs(self.ckpt_dir, exist_ok=True)
        torch.save(self.state_dict(), os.path.join(self.ckpt_dir, name))

    def restore(self, path):
        self.load_state_dict(torch.load(path, map_location="cpu"))

    def fit(self):
        while self.epoch < self.epochs:
            self.net.train()
            for x, y in self.train_loader:
                self.opt.zero_grad()
                loss = torch.nn.functional.cross_entropy(self.net(x.cuda()), y.cuda())
                loss.backward()
                self.opt.step()
                self.lr_sched.step()
            self.epoch += 1
            self.save()
