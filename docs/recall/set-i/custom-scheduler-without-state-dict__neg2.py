import math

import torch
from torch.optim.lr_scheduler import LRScheduler


class LinearWarmupCosineLR(LRScheduler):
    def __init__(self, optimizer, warm_epochs, max_epochs, eta_min=0.0, last_epoch=-1):
        self.warm_epochs = warm_epochs
        self.max_epochs = max(max_epochs, warm_epochs + 1)
        self.eta_min = eta_min
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        e = self.last_epoch
        if e < self.warm_epochs:
            return [base * (e + 1) / self.warm_epochs for base in self.base_lrs]
        t = min(1.0, (e - self.warm_epochs) / (self.max_epochs - self.warm_epochs))
        return [
            self.eta_min + (base - self.eta_min) * 0.5 * (1 + math.cos(math.pi * t))
            for base in self.base_lrs
        ]


def configure(model, args):
    opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    sched = LinearWarmupCosineLR(opt, warm_epochs=args.warm, max_epochs=args.epochs)
    return opt, sched
