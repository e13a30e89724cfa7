from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import StepLR


@dataclass
class TrainConfig:
    lr: float = 0.01
    warm: int = 1000
    epochs: int = 60
    decay_every: int = 20
    log_every: int = 50


class Trainer:
    def __init__(self, net, loader, cfg: TrainConfig):
        self.net = net.cuda()
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=1e-4)
        self.sched = StepLR(self.opt, step_size=cfg.decay_every, gamma=0.1)
        self.step = 0

    def _set_lr(self):
        scale = min(1.0, (self.step + 1) / self.cfg.warm)
        for group in self.opt.param_groups:
            group["lr"] = self.cfg.lr * scale

    def train_step(self, x, y):
        self._set_lr()
        loss = torch.nn.functional.cross_entropy(self.net(x.cuda()), y.cuda())
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        self.step += 1
        return loss.item()

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.net.train()
            for i, (x, y) in enumerate(self.loader):
                loss = self.train_step(x, y)
                if i % self.cfg.log_every == 0:
                    print(f"epoch {epoch} it {i} loss {loss:.4f}")
            self.sched.step()
            torch.save(self.net.state_dict(), f"epoch_{epoch}.pt")
