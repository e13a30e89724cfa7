import math
from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


@dataclass
class TrainCfg:
    lr: float = 1e-3
    min_lr: float = 1e-5
    num_epochs: int = 100
    batch_size: int = 64
    weight_decay: float = 0.05


class Trainer:
    def __init__(self, net, train_set, cfg: TrainCfg):
        self.net = net
        self.cfg = cfg
        self.loader = torch.utils.data.DataLoader(train_set, batch_size=cfg.batch_size,
                                                  shuffle=True, num_workers=6)
        self.steps_per_epoch = math.ceil(len(train_set) / cfg.batch_size)
        self.total_iters = cfg.num_epochs * self.steps_per_epoch
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
        self.lr_sched = CosineAnnealingLR(self.opt, T_max=self.total_iters, eta_min=cfg.min_lr)

    def training_step(self, batch):
        x, y = (t.cuda(non_blocking=True) for t in batch)
        loss = torch.nn.functional.mse_loss(self.net(x), y)
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        return loss.item()

    def on_epoch_end(self, epoch, mean_loss):
        self.lr_sched.step()
        print(f"epoch {epoch} loss {mean_loss:.5f} lr {self.lr_sched.get_last_lr()[0]:.2e}")

    def fit(self):
        for epoch in range(self.cfg.num_epochs):
            self.net.train()
            losses = [self.training_step(b) for b in self.loader]
            self.on_epoch_end(epoch, sum(losses) / len(losses))
        torch.save(self.net.state_dict(), "regressor.pt")
