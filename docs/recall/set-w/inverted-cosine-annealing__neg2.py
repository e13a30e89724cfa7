import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def one_cycle(y1=0.0, y2=1.0, steps=100):
    """Sinusoidal ramp from y1 to y2 over ``steps``."""
    steps = max(1, steps)
    return lambda x: ((1 - math.cos(x * math.pi / steps)) / 2) * (y2 - y1) + y1


def setup(model, hyp, epochs):
    pg_decay, pg_other = [], []
    for name, p in model.named_parameters():
        (pg_other if p.ndim == 1 else pg_decay).append(p)
    optimizer = torch.optim.SGD(pg_other, lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    optimizer.add_param_group({"params": pg_decay, "weight_decay": hyp["weight_decay"]})
    # anneal from lr0 down to lr0 * lrf
    lf = one_cycle(1.0, hyp["lrf"], epochs)
    scheduler = LambdaLR(optimizer, lr_lambda=lf)
    return optimizer, scheduler


def train(model, loader, loss_fn, hyp, epochs=300):
    optimizer, scheduler = setup(model, hyp, epochs)
    for epoch in range(epochs):
        model.train()
        for imgs, targets in loader:
            optimizer.zero_grad()
            loss = loss_fn(model(imgs), targets)
            loss.backward()
            optimizer.step()
        scheduler.step()
        print(f"{epoch}: lr={scheduler.get_last_lr()[0]:.6f}")
