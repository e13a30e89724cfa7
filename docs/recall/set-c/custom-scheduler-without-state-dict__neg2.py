import torch
from torch import nn
from torch.optim.lr_scheduler import LRScheduler


class WarmupPolyLR(LRScheduler):
    def __init__(self, optimizer, max_iters, warmup_iters=500, power=0.9, last_epoch=-1):
        self.max_iters = max_iters
        self.warmup_iters = warmup_iters
        self.power = power
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        t = self.last_epoch
        if t < self.warmup_iters:
            factor = (t + 1) / self.warmup_iters
        else:
            factor = (1.0 - min(t, self.max_iters) / max(1, self.max_iters)) ** self.power
        return [base_lr * factor for base_lr in self.base_lrs]


def train(net, loader, max_iters, base_lr=0.01):
    opt = torch.optim.SGD(net.parameters(), lr=base_lr, momentum=0.9, weight_decay=1e-4)
    lr_sched = WarmupPolyLR(opt, max_iters)
    crit = nn.CrossEntropyLoss(ignore_index=255)
    it = 0
    net.train()
    while it < max_iters:
        for img, target in loader:
            img, target = img.cuda(non_blocking=True), target.cuda(non_blocking=True)
            opt.zero_grad()
            loss = crit(net(img), target)
            loss.backward()
            opt.step()
            lr_sched.step()
            it += 1
            if it >= max_iters:
                break
    return net, lr_sched.state_dict()
