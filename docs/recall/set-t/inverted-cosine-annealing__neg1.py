import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def one_cycle(y1=0.0, y2=1.0, steps=100):
    # sinusoidal ramp from y1 to y2 over `steps`
    return lambda x: ((1 - math.cos(x * math.pi / steps)) / 2) * (y2 - y1) + y1


def build_scheduler(optimizer, hyp, epochs, cos_lr=True):
    if cos_lr:
        lf = one_cycle(1, hyp["lrf"], epochs)
    else:
        lf = lambda x: (1 - x / epochs) * (1.0 - hyp["lrf"]) + hyp["lrf"]
    return LambdaLR(optimizer, lr_lambda=lf)


def train(model, loader, hyp, epochs=300):
    optimizer = torch.optim.SGD(model.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"],
                                nesterov=True, weight_decay=hyp["weight_decay"])
    scheduler = build_scheduler(optimizer, hyp, epochs)
    for epoch in range(epochs):
        model.train()
        for imgs, targets in loader:
            imgs = imgs.cuda(non_blocking=True).float() / 255.0
            loss = model.compute_loss(model(imgs), targets.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
