import math
from dataclasses import dataclass

import torch


@dataclass
class Schedule:
    learning_rate: float = 6e-4
    min_lr: float = 6e-5
    warmup_iters: int = 2000
    lr_decay_iters: int = 600000

    def __post_init__(self):
        assert self.lr_decay_iters > self.warmup_iters >= 0

    def lr(self, it: int) -> float:
        if it < self.warmup_iters:
            return self.learning_rate * (it + 1) / (self.warmup_iters + 1)
        if it > self.lr_decay_iters:
            return self.min_lr
        decay_ratio = (it - self.warmup_iters) / (self.lr_decay_iters - self.warmup_iters)
        coeff = 0.5 * (1.0 + math.cos(math.pi * decay_ratio))
        return self.min_lr + coeff * (self.learning_rate - self.min_lr)


def train(model, get_batch, sched: Schedule, max_iters: int):
    opt = torch.optim.AdamW(model.parameters(), lr=sched.learning_rate, betas=(0.9, 0.95))
    for iter_num in range(max_iters + 1):
        lr = sched.lr(iter_num)
        for param_group in opt.param_groups:
            param_group["lr"] = lr
        X, Y = get_batch("train")
        _, loss = model(X, Y)
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
