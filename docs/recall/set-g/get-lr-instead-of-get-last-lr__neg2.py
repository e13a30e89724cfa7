from bisect import bisect_right

import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupMultiStep(LRScheduler):
    def __init__(self, optimizer, milestones, gamma=0.1, warm_iters=500, warm_factor=0.001, last_epoch=-1):
        self.milestones = sorted(milestones)
        self.gamma = gamma
        self.warm_iters = warm_iters
        self.warm_factor = warm_factor
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        factor = 1.0
        if self.last_epoch < self.warm_iters:
            alpha = (self.last_epoch + 1) / self.warm_iters
            factor = self.warm_factor * (1 - alpha) + alpha
        decay = self.gamma ** bisect_right(self.milestones, self.last_epoch)
        return [base * factor * decay for base in self.base_lrs]


def train(detector, loader, max_iter=90000, log_period=20):
    opt = torch.optim.SGD(detector.parameters(), lr=0.02, momentum=0.9, weight_decay=1e-4)
    sched = WarmupMultiStep(opt, milestones=[60000, 80000])
    it = 0
    for images, targets in loader:
        losses = detector(images, targets)
        loss = sum(losses.values())
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        it += 1
        if it % log_period == 0:
            print(f"iter {it} loss {loss.item():.3f} lr {sched.get_last_lr()[0]:.6f}")
        if it >= max_iter:
            break
