import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def cosine_warmup_then_anneal(opt, warm_steps, total_steps, floor=0.0):
    """Smooth (half-cosine) ramp up over `warm_steps`, then cosine annealing down to `floor`."""
    decay_steps = max(1, total_steps - warm_steps)

    def factor(step):
        if step < warm_steps:
            return 0.5 * (1 - math.cos(math.pi * (step + 1) / warm_steps))
        t = min(1.0, (step - warm_steps) / decay_steps)
        return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * t))

    return LambdaLR(opt, factor)


def train(net, loader, n_epochs, peak_lr=1e-3, warm_steps=1000):
    opt = torch.optim.AdamW(net.parameters(), lr=peak_lr, weight_decay=0.01)
    lr_sched = cosine_warmup_then_anneal(opt, warm_steps, n_epochs * len(loader), floor=0.01)
    net.train()
    for ep in range(n_epochs):
        for step, (x, y) in enumerate(loader):
            loss = torch.nn.functional.mse_loss(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
