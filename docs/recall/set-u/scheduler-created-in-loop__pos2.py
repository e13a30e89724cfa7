import math

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR


class Trainer:
    def __init__(self, cfg, net, loader):
        self.cfg = cfg
        self.net = net.cuda()
        self.loader = loader
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg.TRAIN.LR, weight_decay=cfg.TRAIN.WD)
        self.total_iters = cfg.TRAIN.EPOCHS * len(loader)
        self.warm_iters = cfg.TRAIN.WARM_ITERS

    def _lr_factor(self, it):
        if it < self.warm_iters:
            return (it + 1) / self.warm_iters
        progress = min(1.0, (it - self.warm_iters) / max(1, self.total_iters - self.warm_iters))
        return 0.5 * (1.0 + math.cos(math.pi * progress))

    def train(self):
        epoch = 0
        while epoch < self.cfg.TRAIN.EPOCHS:
            self.sched = LambdaLR(self.opt, lr_lambda=self._lr_factor)
            self.net.train()
            for batch_idx, (x, y) in enumerate(self.loader):
                x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
                loss = F.cross_entropy(self.net(x), y)
                self.opt.zero_grad(set_to_none=True)
                loss.backward()
                self.opt.step()
                self.sched.step()
                if batch_idx % self.cfg.LOG_EVERY == 0:
                    print(f"ep {epoch} it {batch_idx} loss {loss.item():.4f} lr {self.sched.get_last_lr()[0]:.2e}")
            epoch += 1
