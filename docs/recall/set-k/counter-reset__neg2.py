import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F


@dataclass
class TrainCfg:
    lr: float = 1e-3
    n_warm: int = 1000
    epochs: int = 20
    min_lr: float = 1e-5


class Trainer:
    def __init__(self, net, loader, cfg: TrainCfg):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=0.01)
        self.total = cfg.epochs * len(loader)
        self.global_step = 0

    def _lr(self, it):
        if it < self.cfg.n_warm:
            return self.cfg.lr * (it + 1) / self.cfg.n_warm
        ratio = min(1.0, (it - self.cfg.n_warm) / max(1, self.total - self.cfg.n_warm))
        return self.cfg.min_lr + 0.5 * (self.cfg.lr - self.cfg.min_lr) * (1 + math.cos(math.pi * ratio))

    def _set_lr(self):
        lr = self._lr(self.global_step)
        for g in self.opt.param_groups:
            g["lr"] = lr
        return lr

    def train(self):
        self.global_step = 0
        for epoch in range(self.cfg.epochs):
            self.net.train()
            for i, (src, tgt) in enumerate(self.loader):
                lr = self._set_lr()
                out = self.net(src.cuda())
                loss = F.cross_entropy(out, tgt.cuda())
                self.opt.zero_grad(set_to_none=True)
                loss.backward()
                self.opt.step()
                self.global_step += 1
                if i % 100 == 0:
                    print(f"ep {epoch} it {i} step {self.global_step} lr {lr:.2e} loss {loss.item():.4f}")
