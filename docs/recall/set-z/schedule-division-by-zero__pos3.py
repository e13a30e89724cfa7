import math
from dataclasses import dataclass

import torch


@dataclass
class TrainConfig:
    base_lr: float = 0.1
    final_lr: float = 0.0
    max_epoch: int = 120
    momentum: float = 0.9
    weight_decay: float = 5e-4


class Trainer:
    def __init__(self, net, loader, cfg: TrainConfig):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.base_lr, momentum=cfg.momentum,
                                   weight_decay=cfg.weight_decay, nesterov=True)

    def lr_for_epoch(self, epoch):
        c = self.cfg
        ratio = epoch / (c.max_epoch - 1)
        return c.final_lr + (c.base_lr - c.final_lr) * 0.5 * (1.0 + math.cos(math.pi * ratio))

    def set_lr(self, epoch):
        lr = self.lr_for_epoch(epoch)
        for group in self.opt.param_groups:
            group["lr"] = lr
        return lr

    def train(self):
        for epoch in range(self.cfg.max_epoch):
            lr = self.set_lr(epoch)
            self.net.train()
            for x, y in self.loader:
                loss = torch.nn.functional.cross_entropy(self.net(x), y)
                self.opt.zero_grad(set_to_none=True)
                loss.backward()
                self.opt.step()
            print(f"epoch {epoch:3d} lr {lr:.4f} last loss {loss.item():.4f}")
