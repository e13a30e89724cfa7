import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def make_lr_lambda(warm, total, floor=0.0):
    """Half-cosine warm-up from ~0 to 1, then cosine annealing from 1 down to floor."""
    warm = max(0, warm)
    span = max(1, total - warm)

    def f(step):
        if step < warm:
            return 0.5 * (1.0 - math.cos(math.pi * (step + 1) / warm))
        progress = min(1.0, (step - warm) / span)
        return floor + (1.0 - floor) * 0.5 * (1.0 + math.cos(math.pi * progress))

    return f


def train(net, loader, opts, device="cuda"):
    opt = torch.optim.AdamW(net.parameters(), lr=opts.lr, weight_decay=opts.weight_decay)
    total = opts.epochs * len(loader)
    sched = LambdaLR(opt, make_lr_lambda(opts.warmup_steps, total, floor=opts.floor))
    for epoch in range(opts.epochs):
        net.train()
        for i, (x, y) in enumerate(loader):
            loss = torch.nn.functional.cross_entropy(net(x.to(device)), y.to(device))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            if i % 100 == 0:
                print(f"epoch {epoch} it {i} loss {loss.item():.4f} lr {sched.get_last_lr()[0]:.3e}")
