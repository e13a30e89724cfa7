from bisect import bisect_right

import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupMultiStep(LRScheduler):
    def __init__(self, optimizer, milestones, gamma=0.1, warmup_iters=500, warmup_factor=1e-3, last_epoch=-1):
        self.milestones = sorted(milestones)
        self.gamma = gamma
        self.warmup_iters = warmup_iters
        self.warmup_factor = warmup_factor
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        warm = 1.0
        if self.last_epoch < self.warmup_iters:
            alpha = self.last_epoch / self.warmup_iters
            warm = self.warmup_factor * (1 - alpha) + alpha
        decay = self.gamma ** bisect_right(self.milestones, self.last_epoch)
        return [base_lr * warm * decay for base_lr in self.base_lrs]


def train(detector, loader, max_iter, base_lr=0.02):
    opt = torch.optim.SGD(detector.parameters(), lr=base_lr, momentum=0.9, weight_decay=1e-4)
    lr_sched = WarmupMultiStep(opt, milestones=(int(0.67 * max_iter), int(0.89 * max_iter)))
    detector.train()
    it = 0
    while it < max_iter:
        for images, targets in loader:
            loss_dict = detector(images, targets)
            loss = sum(loss_dict.values())
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
            if it % 20 == 0:
                print(f"iter {it} loss {loss.item():.3f} lr {opt.param_groups[0]['lr']:.5f}")
            it += 1
            if it >= max_iter:
                break
