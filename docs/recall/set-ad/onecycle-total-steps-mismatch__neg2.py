from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


@dataclass
class TrainConfig:
    num_train: int = 45_000
    batch_size: int = 96
    epochs: int = 24
    peak_lr: float = 0.08
    weight_decay: float = 5e-4


class Trainer:
    def __init__(self, cfg: TrainConfig, net, train_set):
        self.cfg = cfg
        self.net = net.cuda()
        # drop_last keeps every epoch at exactly len(train_set) // batch_size steps
        self.loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True,
                                 num_workers=8, pin_memory=True, drop_last=True)
        self.opt = torch.optim.SGD(self.net.parameters(), lr=cfg.peak_lr, momentum=0.9,
                                   nesterov=True, weight_decay=cfg.weight_decay)
        self.total_steps = cfg.epochs * (len(train_set) // cfg.batch_size)
        self.sched = OneCycleLR(self.opt, max_lr=cfg.peak_lr, total_steps=self.total_steps,
                                pct_start=0.2, div_factor=20.0, final_div_factor=200.0)

    def train_step(self, x, y):
        logits = self.net(x.cuda(non_blocking=True))
        loss = F.cross_entropy(logits, y.cuda(non_blocking=True), label_smoothing=0.2)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        self.sched.step()
        return loss.item()

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.net.train()
            losses = [self.train_step(x, y) for x, y in self.loader]
            print(f"epoch {epoch:2d} loss {sum(losses) / len(losses):.4f} "
                  f"lr {self.sched.get_last_lr()[0]:.4f}")
        return self.net
