import math

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR


def cosine_factor(total):
    def f(step):
        t = min(step, total) / max(1, total)
        return 0.5 * (1.0 + math.cos(math.pi * t))
    return f


class FineTuner:
    def __init__(self, net, train_loader, val_loader, cfg):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
        total = cfg.epochs * len(train_loader)
        self.lr_sched = LambdaLR(self.opt, cosine_factor(total))
        self.best = float("inf")
        self.bad_epochs = 0

    def validate(self):
        self.net.eval()
        total = 0.0
        with torch.no_grad():
            for x, y in self.val_loader:
                total += F.cross_entropy(self.net(x.cuda()), y.cuda()).item()
        self.net.train()
        return total / max(1, len(self.val_loader))

    def fit(self):
        self.net.train()
        for epoch in range(self.cfg.epochs):
            for x, y in self.train_loader:
                self.opt.zero_grad()
                loss = F.cross_entropy(self.net(x.cuda()), y.cuda())
                loss.backward()
                self.opt.step()
                self.lr_sched.step()

            val = self.validate()
            if val < self.best:
                self.best, self.bad_epochs = val, 0
            else:
                self.bad_epochs += 1
            if self.bad_epochs >= self.cfg.patience:
                for g in self.opt.param_groups:
                    g["lr"] = g["lr"] * 0.5
                self.bad_epochs = 0
            print(f"epoch {epoch} val {val:.4f}")
