import torch
from torch.optim.lr_scheduler import LRScheduler


class PolyLR(LRScheduler):
    def __init__(self, optimizer, max_iters, power=0.9, last_epoch=-1, min_lr=1e-6):
        self.power = power
        self.max_iters = max(1, max_iters)
        self.min_lr = min_lr
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        t = min(self.last_epoch, self.max_iters)
        factor = (1 - t / self.max_iters) ** self.power
        return [max(base_lr * factor, self.min_lr) for base_lr in self.base_lrs]


def train(model, train_loader, criterion, opts):
    optimizer = torch.optim.SGD(model.parameters(), lr=opts.lr, momentum=0.9, weight_decay=opts.weight_decay)
    scheduler = PolyLR(optimizer, opts.total_itrs, power=0.9)
    cur_itrs = 0
    while cur_itrs < opts.total_itrs:
        model.train()
        for images, labels in train_loader:
            cur_itrs += 1
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()
            scheduler.step()
            if cur_itrs >= opts.total_itrs:
                break
