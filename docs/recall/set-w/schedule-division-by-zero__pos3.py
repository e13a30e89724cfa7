import math

import torch
from torch import nn
from torch.optim.lr_scheduler import LambdaLR


class Trainer:
    def __init__(self, net: nn.Module, loader, args):
        self.net = net
        self.loader = loader
        self.args = args
        self.opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.wd)
        steps_per_epoch = len(loader)
        self.total = args.epochs * steps_per_epoch
        self.warm = args.warmup_epochs * steps_per_epoch
        self.sched = LambdaLR(self.opt, self._lr_scale)
        self.crit = nn.CrossEntropyLoss()

    def _lr_scale(self, step):
        if step < self.warm:
            return (step + 1) / self.warm
        progress = (step - self.warm) / (self.total - self.warm)
        return 0.5 * (1.0 + math.cos(math.pi * min(1.0, progress)))

    def train_epoch(self, epoch):
        self.net.train()
        running = 0.0
        for x, y in self.loader:
            self.opt.zero_grad(set_to_none=True)
            loss = self.crit(self.net(x), y)
            loss.backward()
            self.opt.step()
            self.sched.step()
            running += loss.item()
        lr = self.sched.get_last_lr()[0]
        print(f"epoch {epoch} lr {lr:.3e} loss {running / max(1, len(self.loader)):.4f}")

    def state_dict(self):
        return {
            "net": self.net.state_dict(),
            "opt": self.opt.state_dict(),
            "sched": self.sched.state_dict(),
        }

    def fit(self):
        for epoch in range(self.args.epochs):
            self.train_epoch(epoch)
