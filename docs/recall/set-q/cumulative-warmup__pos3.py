import math

import torch
from torch import nn


class Trainer:
    def __init__(self, cfg, net: nn.Module, train_loader):
        self.cfg = cfg
        self.net = net
        self.train_loader = train_loader
        self.opt = torch.optim.SGD(
            net.parameters(), lr=cfg.SOLVER.BASE_LR, momentum=0.9, weight_decay=cfg.SOLVER.WD
        )
        self.iter = 0
        self.max_iter = cfg.SOLVER.MAX_ITER

    def _ramp_lr(self):
        warm = self.cfg.TRAIN.WARM
        if self.iter < warm:
            alpha = (self.iter + 1) / warm
            for group in self.opt.param_groups:
                group["lr"] = alpha * group["lr"]
        else:
            span = max(1, self.max_iter - warm)
            progress = min(1.0, (self.iter - warm) / span)
            lr = self.cfg.SOLVER.BASE_LR * 0.5 * (1.0 + math.cos(math.pi * progress))
            for group in self.opt.param_groups:
                group["lr"] = lr

    def run_step(self, batch):
        self._ramp_lr()
        loss_dict = self.net(batch)
        loss = sum(loss_dict.values())
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        self.iter += 1
        return {k: v.item() for k, v in loss_dict.items()}

    def train(self):
        self.net.train()
        while self.iter < self.max_iter:
            for batch in self.train_loader:
                self.run_step(batch)
                if self.iter >= self.max_iter:
                    break
