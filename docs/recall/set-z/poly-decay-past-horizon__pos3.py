from dataclasses import dataclass

import torch


@dataclass
class PolyCfg:
    base_lr: float = 0.007
    max_iters: int = 30_000
    power: float = 0.9
    min_lr: float = 0.0


class PolyLR:
    def __init__(self, opt, cfg: PolyCfg):
        self.opt = opt
        self.cfg = cfg
        self.last_iter = 0
        self.base_lrs = [g["lr"] for g in opt.param_groups]

    def factor(self):
        return (1.0 - self.last_iter / self.cfg.max_iters) ** self.cfg.power

    def step(self):
        self.last_iter += 1
        f = self.factor()
        for g, b in zip(self.opt.param_groups, self.base_lrs):
            g["lr"] = max(self.cfg.min_lr, b * f)

    def state_dict(self):
        return {"last_iter": self.last_iter}

    def load_state_dict(self, sd):
        self.last_iter = sd["last_iter"]


def run(net, loader, cfg: PolyCfg, epochs):
    opt = torch.optim.SGD(net.parameters(), lr=cfg.base_lr, momentum=0.9, weight_decay=4e-5)
    poly = PolyLR(opt, cfg)
    for ep in range(epochs):
        net.train()
        for i, (x, y) in enumerate(loader):
            loss = torch.nn.functional.cross_entropy(net(x), y, ignore_index=255)
            opt.zero_grad()
            loss.backward()
            opt.step()
            poly.step()
