import math

import torch


class EpochLR:
    """Per-iteration LR: linear warm-up over `warm` epochs, then half-cycle cosine."""

    def __init__(self, opt, base_lr, min_lr, epochs, warm):
        self.opt = opt
        self.base_lr = base_lr
        self.min_lr = min_lr
        self.epochs = epochs
        self.warm = warm

    def lr_for(self, ep):
        if ep < self.warm:
            return self.base_lr * ep / self.warm
        t = (ep - self.warm) / max(1e-8, self.epochs - self.warm)
        return self.min_lr + (self.base_lr - self.min_lr) * 0.5 * (1.0 + math.cos(math.pi * min(t, 1.0)))

    def set(self, ep):
        lr = self.lr_for(ep)
        for g in self.opt.param_groups:
            g["lr"] = lr * g.get("lr_scale", 1.0)
        return lr


def train_one_epoch(net, loader, opt, sched, epoch):
    net.train()
    n = len(loader)
    for i, (samples, _) in enumerate(loader):
        sched.set(epoch + i / n)
        loss = net(samples.cuda(non_blocking=True))
        opt.zero_grad()
        loss.backward()
        opt.step()
