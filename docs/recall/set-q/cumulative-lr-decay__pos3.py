from bisect import bisect_right
from dataclasses import dataclass, field

import torch


@dataclass
class DecayCfg:
    lr: float = 0.01
    gamma: float = 0.1
    milestones: tuple = (8, 11)
    epochs: int = 12


class StepDecayPolicy:
    def __init__(self, opt, cfg: DecayCfg):
        self.opt = opt
        self.cfg = cfg
        self.lrs = [g["lr"] for g in opt.param_groups]
        self.epoch = 0

    def _decayed(self):
        k = bisect_right(self.cfg.milestones, self.epoch)
        factor = self.cfg.gamma ** k
        self.lrs = [lr * factor for lr in self.lrs]
        return self.lrs

    def step(self):
        self.epoch += 1
        for g, lr in zip(self.opt.param_groups, self._decayed()):
            g["lr"] = lr

    def state_dict(self):
        return {"epoch": self.epoch, "lrs": self.lrs}

    def load_state_dict(self, sd):
        self.epoch, self.lrs = sd["epoch"], sd["lrs"]


class Trainer:
    def __init__(self, net, loader, cfg: DecayCfg = None):
        self.cfg = cfg or DecayCfg()
        self.net = net
        self.loader = loader
        self.opt = torch.optim.SGD(net.parameters(), lr=self.cfg.lr, momentum=0.9, weight_decay=1e-4)
        self.policy = StepDecayPolicy(self.opt, self.cfg)

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.net.train()
            for batch in self.loader:
                losses = self.net(batch)
                total = sum(losses.values())
                self.opt.zero_grad()
                total.backward()
                self.opt.step()
            self.policy.step()
