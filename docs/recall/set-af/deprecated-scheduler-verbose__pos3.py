from dataclasses import dataclass, field

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, MultiStepLR


@dataclass
class OptimConfig:
    name: str = "sgd"
    lr: float = 0.05
    weight_decay: float = 5e-4
    schedule: str = "cosine"
    epochs: int = 200
    milestones: list = field(default_factory=lambda: [100, 150])
    log_lr: bool = False


class Solver:
    def __init__(self, net, cfg: OptimConfig):
        self.net = net
        self.cfg = cfg
        self.opt = self._make_optimizer()
        self.sched = self._make_scheduler()

    def _make_optimizer(self):
        if self.cfg.name == "adamw":
            return torch.optim.AdamW(self.net.parameters(), lr=self.cfg.lr,
                                     weight_decay=self.cfg.weight_decay)
        return torch.optim.SGD(self.net.parameters(), lr=self.cfg.lr, momentum=0.9,
                               weight_decay=self.cfg.weight_decay)

    def _make_scheduler(self):
        if self.cfg.schedule == "cosine":
            return CosineAnnealingLR(self.opt, T_max=self.cfg.epochs, verbose=self.cfg.log_lr)
        return MultiStepLR(self.opt, milestones=self.cfg.milestones, gamma=0.1)

    def train_epoch(self, loader):
        self.net.train()
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(self.net(x.cuda()), y.cuda())
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
        self.sched.step()
