import math

import torch
from torch.optim.lr_scheduler import LambdaLR


class LayerwiseCosineLR(LambdaLR):
    """Cosine schedule computed from the base LRs, with a fixed multiplier
    per param group (e.g. a smaller LR for the pretrained backbone)."""

    def __init__(self, optimizer, total_steps, group_mults, last_epoch=-1):
        if len(group_mults) != len(optimizer.param_groups):
            raise ValueError("need one multiplier per param group")
        self.group_mults = list(group_mults)
        self.total_steps = max(1, total_steps)
        super().__init__(optimizer, self._cosine, last_epoch)

    def _cosine(self, step):
        progress = min(1.0, step / self.total_steps)
        return 0.5 * (1.0 + math.cos(math.pi * progress))

    def get_lr(self):
        return [lr * m for lr, m in zip(super().get_lr(), self.group_mults)]


def configure(net, hp, steps_per_epoch):
    opt = torch.optim.AdamW(
        [{"params": net.encoder.parameters()}, {"params": net.head.parameters()}],
        lr=hp["lr"],
        weight_decay=hp["wd"],
    )
    sched = LayerwiseCosineLR(opt, hp["epochs"] * steps_per_epoch, group_mults=[0.1, 1.0])
    return opt, sched
