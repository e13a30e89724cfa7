from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


@dataclass
class SchedCfg:
    epochs: int = 200
    lr: float = 0.05
    eta_min: float = 0.0
    weight_decay: float = 5e-4
    verbose: bool = False


def make_optim(net, cfg: SchedCfg):
    opt = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=cfg.weight_decay)
    sched = CosineAnnealingLR(opt, T_max=cfg.epochs, eta_min=cfg.eta_min, verbose=cfg.verbose)
    return opt, sched


def train(net, loader, cfg: SchedCfg | None = None):
    cfg = cfg or SchedCfg()
    opt, sched = make_optim(net, cfg)
    loss_fn = torch.nn.CrossEntropyLoss()
    for epoch in range(cfg.epochs):
        net.train()
        for x, y in loader:
            opt.zero_grad()
            loss = loss_fn(net(x), y)
            loss.backward()
            opt.step()
        sched.step()
    return net
