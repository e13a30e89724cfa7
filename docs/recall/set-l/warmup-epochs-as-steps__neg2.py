import math

import torch
from torch.optim.lr_scheduler import LambdaLR


class EpochScheduleTrainer:
    """Warm-up and cosine decay both counted in epochs; stepped once per epoch."""

    def __init__(self, net, loader, opts):
        self.net = net
        self.loader = loader
        self.opts = opts
        self.opt = torch.optim.SGD(net.parameters(), lr=opts.lr, momentum=0.9, weight_decay=5e-5)
        self.lr_sched = LambdaLR(self.opt, self._factor)

    def _factor(self, epoch):
        warm = self.opts.warm_epochs
        if epoch < warm:
            return (epoch + 1) / warm
        t = min(1.0, (epoch - warm) / max(1, self.opts.epochs - warm))
        return 0.5 * (1.0 + math.cos(math.pi * t))

    def fit(self):
        crit = torch.nn.CrossEntropyLoss()
        for epoch in range(self.opts.epochs):
            self.net.train()
            for x, y in self.loader:
                loss = crit(self.net(x.cuda()), y.cuda())
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            self.lr_sched.step()
            print(f"epoch {epoch} loss {loss.item():.4f} lr {self.lr_sched.get_last_lr()[0]:.4f}")
