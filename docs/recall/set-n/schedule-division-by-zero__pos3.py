from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import ExponentialLR


@dataclass
class FinetuneConfig:
    lr: float = 1e-3
    final_lr: float = 1e-5
    n_epochs: int = 10
    weight_decay: float = 0.0


class Finetuner:
    def __init__(self, net, train_loader, val_loader, cfg: FinetuneConfig):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg
        self.opt = torch.optim.Adam(net.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
        gamma = (cfg.final_lr / cfg.lr) ** (1.0 / (cfg.n_epochs - 1))
        self.lr_sched = ExponentialLR(self.opt, gamma=gamma)

    def _train_epoch(self):
        self.net.train()
        for x, y in self.train_loader:
            loss = torch.nn.functional.cross_entropy(self.net(x), y)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def _evaluate(self):
        self.net.eval()
        hits = total = 0
        for x, y in self.val_loader:
            hits += (self.net(x).argmax(-1) == y).sum().item()
            total += y.numel()
        return hits / max(1, total)

    def run(self):
        for epoch in range(self.cfg.n_epochs):
            self._train_epoch()
            acc = self._evaluate()
            self.lr_sched.step()
            print(f"epoch {epoch}: acc={acc:.4f} lr={self.lr_sched.get_last_lr()[0]:.2e}")
