from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import LambdaLR


@dataclass
class RunConfig:
    lr: float = 1e-4
    epochs: int = 30
    decay: float = 0.95
    log_lr: bool = True


class Runner:
    def __init__(self, net, loader, cfg: RunConfig):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.Adam(net.parameters(), lr=cfg.lr)
        self.sched = LambdaLR(self.opt, lr_lambda=self._factor, verbose=self.cfg.log_lr)

    def _factor(self, epoch):
        return self.cfg.decay ** epoch

    def _epoch(self):
        self.net.train()
        for src, tgt in self.loader:
            loss = self.net(src, labels=tgt).loss
            self.opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.net.parameters(), 1.0)
            self.opt.step()
        return loss.item()

    def run(self):
        for ep in range(self.cfg.epochs):
            last = self._epoch()
            self.sched.step()
            print(f"epoch {ep} last batch loss {last:.4f}")
