from bisect import bisect_right

import torch
from torch.optim.lr_scheduler import LRScheduler


class StagedDecayLR(LRScheduler):
    """Divides every group's LR by ``1 / gamma`` at each milestone."""

    def __init__(self, optimizer, milestones, gamma=0.1, last_epoch=-1):
        self.milestones = sorted(milestones)
        self.gamma = gamma
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        n_passed = bisect_right(self.milestones, self.last_epoch)
        self.base_lrs = [lr * self.gamma ** n_passed for lr in self.base_lrs]
        return list(self.base_lrs)


def make_optim(net, cfg):
    decay, no_decay = [], []
    for name, p in net.named_parameters():
        if not p.requires_grad:
            continue
        (no_decay if p.ndim <= 1 or name.endswith(".bias") else decay).append(p)
    opt = torch.optim.SGD(
        [
            {"params": decay, "weight_decay": cfg["wd"]},
            {"params": no_decay, "weight_decay": 0.0},
        ],
        lr=cfg["lr"],
        momentum=0.9,
        nesterov=True,
    )
    lr_sched = StagedDecayLR(opt, milestones=cfg["milestones"], gamma=cfg["gamma"])
    return opt, lr_sched


def train(net, loader, cfg):
    opt, lr_sched = make_optim(net, cfg)
    crit = torch.nn.CrossEntropyLoss(label_smoothing=0.1)
    for epoch in range(cfg["epochs"]):
        net.train()
        for x, y in loader:
            opt.zero_grad()
            crit(net(x), y).backward()
            opt.step()
        lr_sched.step()
        print(epoch, lr_sched.get_last_lr())
