from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import LambdaLR


@dataclass
class PolyCfg:
    base_lr: float = 0.007
    max_iters: int = 30_000
    power: float = 0.9


def poly_lambda(cfg: PolyCfg):
    horizon = max(1, cfg.max_iters)

    def f(it):
        it = min(it, horizon)
        return (1.0 - it / horizon) ** cfg.power

    return f


class SegTrainer:
    def __init__(self, net, loader, cfg: PolyCfg):
        self.net = net
        self.loader = loader
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.base_lr, momentum=0.9, weight_decay=4e-5)
        self.lr_sched = LambdaLR(self.opt, poly_lambda(cfg))

    def train_epoch(self):
        self.net.train()
        for x, y in self.loader:
            loss = torch.nn.functional.cross_entropy(self.net(x), y, ignore_index=255)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            self.lr_sched.step()
