from contextlib import contextmanager

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class LinearWarmup:
    """Dampens the LR produced by another scheduler during the first `period` steps."""

    def __init__(self, optimizer, period):
        self.optimizer = optimizer
        self.period = max(1, period)
        self.last_step = 0
        self.lrs = [group["lr"] for group in optimizer.param_groups]
        self.dampen()

    def factor(self, step):
        return min(1.0, step / self.period)

    def dampen(self):
        self.last_step += 1
        omega = self.factor(self.last_step)
        for group in self.optimizer.param_groups:
            group["lr"] *= omega

    @contextmanager
    def dampening(self):
        for group, lr in zip(self.optimizer.param_groups, self.lrs):
            group["lr"] = lr
        yield
        self.lrs = [group["lr"] for group in self.optimizer.param_groups]
        self.dampen()


def train(net, loader, num_steps, lr=5e-4):
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.01)
    lr_sched = CosineAnnealingLR(opt, T_max=num_steps)
    warmup = LinearWarmup(opt, period=2000)
    step = 0
    while step < num_steps:
        for batch in loader:
            loss = net(batch).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            with warmup.dampening():
                lr_sched.step()
            step += 1
            if step >= num_steps:
                break
