import math

import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupCosineLR(LRScheduler):
    def __init__(self, optimizer, warmup_steps, total_steps, last_epoch=-1):
        self.warmup_steps = warmup_steps
        self.total_steps = max(1, total_steps)
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        step = self.last_epoch
        if step < self.warmup_steps:
            scale = (step + 1) / self.warmup_steps
        else:
            span = max(1, self.total_steps - self.warmup_steps)
            scale = 0.5 * (1.0 + math.cos(math.pi * min(1.0, (step - self.warmup_steps) / span)))
        return [base_lr * scale for base_lr in self.base_lrs]


def train(net, loader, epochs, log):
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3)
    sched = WarmupCosineLR(opt, warmup_steps=500, total_steps=epochs * len(loader))
    for epoch in range(epochs):
        net.train()
        for i, (x, y) in enumerate(loader):
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            if i % 50 == 0:
                log({"lr": opt.param_groups[0]["lr"], "loss": loss.item()})
