from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import LambdaLR


@dataclass
class SegConfig:
    lr: float = 6e-5
    weight_decay: float = 0.01
    max_iters: int = 160000
    poly_power: float = 0.9
    epochs: int = 200


class SegTrainer:
    def __init__(self, net, loader, cfg: SegConfig):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
        self.lr_sched = LambdaLR(self.opt, self._poly)

    def _poly(self, it):
        return (1.0 - it / self.cfg.max_iters) ** self.cfg.poly_power

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.net.train()
            for step, (img, seg) in enumerate(self.loader):
                logits = self.net(img)
                loss = torch.nn.functional.cross_entropy(logits, seg, ignore_index=255)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.lr_sched.step()
            print(f"epoch {epoch}: loss={loss.item():.4f} lr={self.lr_sched.get_last_lr()[0]:.2e}")

    def state_dict(self):
        return {"net": self.net.state_dict(), "opt": self.opt.state_dict(),
                "lr_sched": self.lr_sched.state_dict()}
