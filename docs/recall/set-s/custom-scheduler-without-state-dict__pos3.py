from math import cos, pi

import torch


class CosineRestartsWithRamp:
    def __init__(self, optimizer, epochs, iters_per_epoch, restarts, n_warm=1, eta_min=1e-6):
        self.optimizer = optimizer
        self.epochs = epochs
        self.iters_per_epoch = iters_per_epoch
        self.restarts = sorted(restarts)
        self.warm_iters = n_warm * iters_per_epoch
        self.eta_min = eta_min
        self.peak = [pg["lr"] for pg in optimizer.param_groups]
        self.epoch = 0
        self.iter = 0

    def _cycle(self):
        bounds = [0] + self.restarts + [self.epochs]
        for lo, hi in zip(bounds[:-1], bounds[1:]):
            if self.epoch < hi:
                return self.epoch - lo, hi - lo
        return 1, 1

    def step_batch(self):
        self.iter += 1
        if self.iter <= self.warm_iters:
            rate = self.iter / self.warm_iters
            for pg, lr in zip(self.optimizer.param_groups, self.peak):
                pg["lr"] = lr * rate

    def step(self):
        self.epoch += 1
        pos, length = self._cycle()
        f = 0.5 * (1 + cos(pi * pos / length))
        for pg, lr in zip(self.optimizer.param_groups, self.peak):
            pg["lr"] = self.eta_min + (lr - self.eta_min) * f


def make(model, args):
    opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.937, nesterov=True)
    return opt, CosineRestartsWithRamp(opt, args.epochs, args.iters, args.restarts, args.n_warm)
