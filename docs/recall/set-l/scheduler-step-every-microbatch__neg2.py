import math

import torch
from torch.optim.lr_scheduler import OneCycleLR


class AccumTrainer:
    def __init__(self, net, loader, opts):
        self.net = net
        self.loader = loader
        self.accum = opts.accum_iters
        self.epochs = opts.epochs
        self.opt = torch.optim.SGD(net.parameters(), lr=opts.lr, momentum=0.9, weight_decay=5e-4)
        updates_per_epoch = math.ceil(len(loader) / self.accum)
        self.lr_sched = OneCycleLR(self.opt, max_lr=opts.lr, epochs=opts.epochs,
                                   steps_per_epoch=updates_per_epoch)

    def _apply_update(self):
        self.opt.step()
        self.lr_sched.step()
        self.opt.zero_grad(set_to_none=True)

    def train_epoch(self):
        self.net.train()
        n = len(self.loader)
        total = 0.0
        for k, (x, y) in enumerate(self.loader):
            loss = torch.nn.functional.cross_entropy(self.net(x.cuda()), y.cuda())
            (loss / self.accum).backward()
            total += loss.item()
            if (k + 1) % self.accum == 0 or k + 1 == n:
                self._apply_update()
        return total / n

    def fit(self):
        for ep in range(self.epochs):
            loss = self.train_epoch()
            print(f"ep {ep} loss {loss:.4f} lr {self.lr_sched.get_last_lr()[0]:.4f}")
