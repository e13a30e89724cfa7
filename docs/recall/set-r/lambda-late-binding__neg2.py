import functools
import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def warmup_cosine(step, warm, total):
    warm = max(1, warm)
    if step < warm:
        return (step + 1) / warm
    progress = min(1.0, (step - warm) / max(1, total - warm))
    return 0.5 * (1.0 + math.cos(math.pi * progress))


def make_schedule(opt, warm_per_group, total_steps):
    fns = []
    for warm in warm_per_group:
        fns.append(functools.partial(warmup_cosine, warm=warm, total=total_steps))
    return LambdaLR(opt, lr_lambda=fns)


def train(vit, loader, epochs, lr=5e-4):
    groups = [{"params": blk.parameters()} for blk in vit.blocks]
    opt = torch.optim.AdamW(groups, lr=lr, weight_decay=0.05)
    sched = make_schedule(opt, [100 * (i + 1) for i in range(len(groups))],
                          total_steps=epochs * len(loader))
    vit.cuda().train()
    for epoch in range(epochs):
        for x, y in loader:
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(vit(x.cuda()), y.cuda())
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {epoch} lrs {sched.get_last_lr()}")
