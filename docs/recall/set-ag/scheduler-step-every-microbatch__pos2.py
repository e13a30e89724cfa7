from dataclasses import dataclass

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LambdaLR
from torch.utils.data import DataLoader


@dataclass
class TrainConfig:
    lr: float = 5e-4
    epochs: int = 20
    batch_size: int = 16
    grad_accum: int = 8
    warm_steps: int = 500


class Trainer:
    def __init__(self, net: nn.Module, train_set, cfg: TrainConfig):
        self.cfg = cfg
        self.net = net.cuda()
        self.loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True,
                                 drop_last=True)
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg.lr)
        self.lr_sched = LambdaLR(self.opt, lambda s: min(1.0, (s + 1) / cfg.warm_steps))
        self.micro = 0

    def _maybe_update(self):
        if self.micro % self.cfg.grad_accum == 0:
            nn.utils.clip_grad_norm_(self.net.parameters(), 5.0)
            self.opt.step()
            self.opt.zero_grad()

    def training_step(self, batch):
        feats, targets = (t.cuda() for t in batch)
        loss = nn.functional.mse_loss(self.net(feats), targets)
        (loss / self.cfg.grad_accum).backward()
        self.micro += 1
        self._maybe_update()
        self.lr_sched.step()
        return loss.item()

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.net.train()
            losses = [self.training_step(b) for b in self.loader]
            print(f"epoch {epoch}: loss {sum(losses) / len(losses):.4f}")
