import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def warmup_cosine(total_steps, warmup_steps, min_ratio=0.0):
    def fn(step):
        if step < warmup_steps:
            return float(step + 1) / float(warmup_steps)
        decay_steps = total_steps - warmup_steps
        if decay_steps <= 0:
            return 1.0
        progress = min(1.0, (step - warmup_steps) / decay_steps)
        return min_ratio + (1.0 - min_ratio) * 0.5 * (1.0 + math.cos(math.pi * progress))

    return fn


def configure(model, hp, steps_per_epoch):
    total = hp["epochs"] * steps_per_epoch
    warm = int(hp["warmup_ratio"] * total)
    opt = torch.optim.AdamW(model.parameters(), lr=hp["lr"], weight_decay=hp["wd"])
    lr_sched = LambdaLR(opt, warmup_cosine(total, warm, hp.get("min_ratio", 0.0)))
    return opt, lr_sched


def train(model, loader, hp):
    opt, lr_sched = configure(model, hp, len(loader))
    model.train()
    for epoch in range(hp["epochs"]):
        for batch in loader:
            loss = model(**batch).loss
            loss.backward()
            opt.step()
            lr_sched.step()
            opt.zero_grad()
