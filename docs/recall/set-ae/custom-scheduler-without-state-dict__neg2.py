import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupPolyLR(LRScheduler):
    def __init__(self, optimizer, total_iters, power=0.9, warmup_iters=500,
                 warmup_factor=1e-3, last_epoch=-1):
        self.total_iters = total_iters
        self.power = power
        self.warmup_iters = warmup_iters
        self.warmup_factor = warmup_factor
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        it = self.last_epoch
        if it < self.warmup_iters:
            alpha = (it + 1) / self.warmup_iters
            factor = self.warmup_factor * (1 - alpha) + alpha
        else:
            t = min(it, self.total_iters)
            factor = (1 - t / self.total_iters) ** self.power
        return [base_lr * factor for base_lr in self.base_lrs]


def make_optimizer_and_scheduler(net, cfg):
    opt = torch.optim.SGD(net.parameters(), lr=cfg["lr"], momentum=0.9,
                          weight_decay=cfg["wd"])
    sched = WarmupPolyLR(opt, total_iters=cfg["iters"], warmup_iters=cfg["warm"])
    return opt, sched
