import math

import torch
from torch.optim.lr_scheduler import LRScheduler


class LinearWarmupCosine(LRScheduler):
    def __init__(self, optimizer, warmup_steps, total_steps, floor=0.0, last_epoch=-1):
        self.warmup_steps = warmup_steps
        self.total_steps = total_steps
        self.floor = floor
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        step = self.last_epoch
        if step < self.warmup_steps:
            scale = (step + 1) / self.warmup_steps
        else:
            span = max(1, self.total_steps - self.warmup_steps)
            progress = min(1.0, (step - self.warmup_steps) / span)
            scale = self.floor + (1 - self.floor) * 0.5 * (1 + math.cos(math.pi * progress))
        return [base_lr * scale for base_lr in self.base_lrs]


def configure(model, hparams):
    opt = torch.optim.AdamW(model.parameters(), lr=hparams["lr"], weight_decay=hparams["wd"])
    sched = LinearWarmupCosine(opt, warmup_steps=hparams["warmup_steps"], total_steps=hparams["steps"])
    return opt, sched


def save(path, model, opt, sched, step):
    torch.save({"model": model.state_dict(), "opt": opt.state_dict(),
                "sched": sched.state_dict(), "step": step}, path)


def load(path, model, opt, sched):
    blob = torch.load(path, map_location="cpu")
    model.load_state_dict(blob["model"])
    opt.load_state_dict(blob["opt"])
    sched.load_state_dict(blob["sched"])
    return blob["step"]
