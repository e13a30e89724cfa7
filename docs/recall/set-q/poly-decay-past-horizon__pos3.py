from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import LambdaLR


@dataclass
class Hyper:
    lr: float = 2.5e-4
    epochs: int = 60
    exponent: float = 0.9
    wd: float = 5e-4


class Trainer:
    def __init__(self, net, loader, hp: Hyper):
        self.net = net
        self.loader = loader
        self.hp = hp
        self.start_epoch = 0
        self.opt = torch.optim.SGD(net.parameters(), lr=hp.lr, momentum=0.9, weight_decay=hp.wd)
        self.sched = LambdaLR(self.opt, lambda ep: (1 - ep / hp.epochs) ** hp.exponent)

    def resume(self, ckpt_path):
        ckpt = torch.load(ckpt_path, map_location="cpu")
        self.net.load_state_dict(ckpt["net"])
        self.opt.load_state_dict(ckpt["opt"])
        self.sched.load_state_dict(ckpt["sched"])
        self.start_epoch = ckpt["epoch"] + 1

    def save(self, path, epoch):
        torch.save(
            {"net": self.net.state_dict(), "opt": self.opt.state_dict(),
             "sched": self.sched.state_dict(), "epoch": epoch},
            path,
        )

    def fit(self, extra_epochs=0):
        for epoch in range(self.start_epoch, self.hp.epochs + extra_epochs):
            self.net.train()
            for x, y in self.loader:
                loss = torch.nn.functional.cross_entropy(self.net(x), y)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            self.sched.step()
            self.save(f"ckpt_{epoch}.pt", epoch)
