import math

import torch
from torch.optim.lr_scheduler import LambdaLR

hyp = {"lr0": 0.01, "lrf": 0.1, "momentum": 0.937, "weight_decay": 5e-4}


def make_optimizer(model):
    return torch.optim.SGD(
        model.parameters(),
        lr=hyp["lr0"],
        momentum=hyp["momentum"],
        weight_decay=hyp["weight_decay"],
        nesterov=True,
    )


def make_scheduler(opt, epochs):
    lrf = hyp["lrf"]
    steps = max(1, epochs)
    lf = lambda e: ((1 - math.cos(min(e, steps) * math.pi / steps)) / 2) * (1 - lrf) + lrf
    return LambdaLR(opt, lr_lambda=lf)


def train(model, loader, epochs=100):
    opt = make_optimizer(model)
    lr_sched = make_scheduler(opt, epochs)
    for epoch in range(epochs):
        model.train()
        for imgs, targets in loader:
            loss = model.compute_loss(imgs, targets)
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr_sched.step()
        print(epoch, [round(x, 6) for x in lr_sched.get_last_lr()])
