from bisect import bisect_right

import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupMultiStepLR(LRScheduler):
    def __init__(self, optimizer, milestones, gamma=0.1, warmup_factor=0.001, warmup_iters=1000, last_epoch=-1):
        if list(milestones) != sorted(milestones):
            raise ValueError(f"Milestones should be increasing, got {milestones}")
        self.milestones = list(milestones)
        self.gamma = gamma
        self.warmup_factor = warmup_factor
        self.warmup_iters = warmup_iters
        super().__init__(optimizer, last_epoch)

    def _warmup(self, it):
        if it >= self.warmup_iters:
            return 1.0
        alpha = it / self.warmup_iters
        return self.warmup_factor * (1 - alpha) + alpha

    def get_lr(self):
        w = self._warmup(self.last_epoch)
        decay = self.gamma ** bisect_right(self.milestones, self.last_epoch)
        return [base_lr * w * decay for base_lr in self.base_lrs]


def do_train(cfg, model, data_loader):
    optimizer = torch.optim.SGD(model.parameters(), lr=cfg.BASE_LR, momentum=0.9, weight_decay=cfg.WD)
    scheduler = WarmupMultiStepLR(optimizer, cfg.STEPS, cfg.GAMMA, warmup_iters=cfg.WARMUP_ITERS)
    model.train()
    for iteration, (images, targets) in enumerate(data_loader, start=1):
        loss_dict = model(images, targets)
        losses = sum(loss for loss in loss_dict.values())
        optimizer.zero_grad()
        losses.backward()
        optimizer.step()
        scheduler.step()
        if iteration >= cfg.MAX_ITER:
            break
