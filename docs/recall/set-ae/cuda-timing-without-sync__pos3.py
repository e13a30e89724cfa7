import time
from collections import defaultdict

import torch
import torch.nn.functional as F


class AverageMeter:
    def __init__(self):
        self.sum = 0.0
        self.count = 0

    def update(self, val, n=1):
        self.sum += val * n
        self.count += n

    @property
    def avg(self):
        return self.sum / max(self.count, 1)


class Trainer:
    def __init__(self, net, opt, loader, device="cuda"):
        self.net = net.to(device)
        self.opt = opt
        self.loader = loader
        self.device = device
        self.meters = defaultdict(AverageMeter)

    def _step(self, x, y):
        self.opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(self.net(x), y)
        loss.backward()
        self.opt.step()
        return loss.detach()

    def train_epoch(self, epoch):
        self.net.train()
        end = time.monotonic()
        for i, (x, y) in enumerate(self.loader):
            self.meters["data"].update(time.monotonic() - end)
            x = x.to(self.device, non_blocking=True)
            y = y.to(self.device, non_blocking=True)
            tic = time.monotonic()
            loss = self._step(x, y)
            self.meters["compute"].update(time.monotonic() - tic)
            if i % 50 == 0:
                print(f"ep {epoch} it {i} loss {loss.item():.4f} "
                      f"data {self.meters['data'].avg:.3f}s compute {self.meters['compute'].avg:.3f}s")
            end = time.monotonic()
