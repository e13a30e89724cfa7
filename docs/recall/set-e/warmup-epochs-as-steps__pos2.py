import math
from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import LambdaLR


@dataclass
class Config:
    epochs: int = 90
    warmup_epochs: int = 5
    lr: float = 1e-3
    weight_decay: float = 0.05


class Trainer:
    def __init__(self, net, loader, cfg: Config):
        self.net = net.cuda()
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg.lr,
                                     weight_decay=cfg.weight_decay)
        self.total_steps = cfg.epochs * len(loader)
        self.warmup_steps = cfg.warmup_epochs
        self.sched = LambdaLR(self.opt, self._lr_lambda)

    def _lr_lambda(self, step):
        if step < self.warmup_steps:
            return (step + 1) / self.warmup_steps
        progress = (step - self.warmup_steps) / max(1, self.total_steps - self.warmup_steps)
        return 0.5 * (1.0 + math.cos(math.pi * min(1.0, progress)))

    def train_epoch(self, epoch):
        self.net.train()
        for i, (x, y) in enumerate(self.loader):
            loss = self.net.loss(x.cuda(), y.cuda())
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            self.sched.step()
            if i % 100 == 0:
                print(f"ep {epoch} it {i} loss {loss.item():.4f} "
                      f"lr {self.sched.get_last_lr()[0]:.2e}")

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.train_epoch(epoch)
