import torch
import torch.nn as nn
from torch.optim.lr_scheduler import _LRScheduler


class PolyLR(_LRScheduler):
    def __init__(self, optimizer, max_iters, power=0.9, last_epoch=-1, min_lr=1e-6):
        self.power = power
        self.max_iters = max(1, max_iters)
        self.min_lr = min_lr
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        remaining = max(0.0, 1.0 - self.last_epoch / self.max_iters)
        return [max(base_lr * remaining ** self.power, self.min_lr) for base_lr in self.base_lrs]


def train(net, loader, opts):
    opt = torch.optim.SGD(net.parameters(), lr=opts.lr, momentum=0.9, weight_decay=opts.weight_decay)
    sched = PolyLR(opt, opts.total_itrs, power=0.9)
    criterion = nn.CrossEntropyLoss(ignore_index=255)
    itr = 0
    net.train()
    while itr < opts.total_itrs:
        for images, labels in loader:
            loss = criterion(net(images), labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            itr += 1
            if itr >= opts.total_itrs:
                break
