import logging

import torch
from torch.optim.lr_scheduler import LRScheduler

logger = logging.getLogger(__name__)


class LinearWarmupConstant(LRScheduler):
    """Linear warm-up to the base LR, then constant.

    With ``verbose`` every new LR during warm-up goes to the module logger.
    """

    def __init__(self, optimizer, warmup_steps, last_epoch=-1, verbose=False):
        self.warmup_steps = max(1, warmup_steps)
        self.log_warmup = verbose
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        factor = min(1.0, (self.last_epoch + 1) / self.warmup_steps)
        lrs = [base_lr * factor for base_lr in self.base_lrs]
        if self.log_warmup and self.last_epoch < self.warmup_steps:
            logger.info("step %d: lr=%s", self.last_epoch, lrs)
        return lrs


def build(model, lr=1e-4, warmup_steps=1000, log_lr=False):
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    sched = LinearWarmupConstant(opt, warmup_steps, verbose=log_lr)
    return opt, sched
