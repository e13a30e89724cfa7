import math

import torch
from torch.optim.lr_scheduler import LambdaLR

hyp = {"lr0": 0.01, "lrf": 0.1, "momentum": 0.937, "weight_decay": 5e-4}


def one_cycle(y1=0.0, y2=1.0, steps=100):
    # sinusoidal ramp from y1 to y2 over `steps`
    return lambda x: ((1 - math.cos(min(x, steps) * math.pi / steps)) / 2) * (y2 - y1) + y1


def train(model, loader, epochs=100):
    opt = torch.optim.SGD(
        model.parameters(),
        lr=hyp["lr0"],
        momentum=hyp["momentum"],
        weight_decay=hyp["weight_decay"],
        nesterov=True,
    )
    lf = one_cycle(1, hyp["lrf"], max(epochs, 1))
    lr_sched = LambdaLR(opt, lr_lambda=lf)
    for epoch in range(epochs):
        model.train()
        for imgs, targets in loader:
            loss = model.compute_loss(imgs, targets)
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr_sched.step()
        print(epoch, [round(x, 6) for x in lr_sched.get_last_lr()])
