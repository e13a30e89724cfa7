from bisect import bisect_right

import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupMultiStepLR(LRScheduler):
    """Step decay at milestones with a linear warm-up, computed in closed form from base_lrs."""

    def __init__(self, optimizer, milestones, gamma=0.1, warmup_factor=0.001, warmup_iters=1000, last_epoch=-1):
        if list(milestones) != sorted(milestones):
            raise ValueError(f"milestones should be increasing, got {milestones}")
        self.milestones = list(milestones)
        self.gamma = gamma
        self.warmup_factor = warmup_factor
        self.warmup_iters = max(1, warmup_iters)
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        factor = 1.0
        if self.last_epoch < self.warmup_iters:
            alpha = min(1.0, (self.last_epoch + 1) / self.warmup_iters)
            factor = self.warmup_factor * (1 - alpha) + alpha
        decay = self.gamma ** bisect_right(self.milestones, self.last_epoch)
        return [base_lr * factor * decay for base_lr in self.base_lrs]


def do_train(model, data_loader, cfg, device="cuda"):
    optimizer = torch.optim.SGD(model.parameters(), lr=cfg.SOLVER.BASE_LR, momentum=0.9, weight_decay=1e-4)
    scheduler = WarmupMultiStepLR(optimizer, cfg.SOLVER.STEPS, cfg.SOLVER.GAMMA, warmup_iters=cfg.SOLVER.WARMUP_ITERS)
    model.train()
    for iteration, (images, targets) in enumerate(data_loader, start=1):
        loss_dict = model(images.to(device), [t.to(device) for t in targets])
        losses = sum(loss_dict.values())
        optimizer.zero_grad()
        losses.backward()
        optimizer.step()
        scheduler.step()
        if iteration >= cfg.SOLVER.MAX_ITER:
            break
