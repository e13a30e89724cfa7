import math

import torch
from torch.optim import lr_scheduler


def one_cycle(y1=0.0, y2=1.0, steps=100):
    # sinusoidal ramp from y1 to y2 over `steps`
    return lambda x: ((1 - math.cos(x * math.pi / steps)) / 2) * (y2 - y1) + y1


def create_scheduler(optimizer, hyp, epochs):
    if hyp.get("cos_lr", True):
        lf = one_cycle(1.0, hyp["lrf"], epochs)
    else:
        lf = lambda x: (1 - x / epochs) * (1.0 - hyp["lrf"]) + hyp["lrf"]
    return lr_scheduler.LambdaLR(optimizer, lr_lambda=lf), lf


def train(model, loader, hyp, epochs=300):
    optimizer = torch.optim.SGD(model.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"],
                                nesterov=True)
    scheduler, _ = create_scheduler(optimizer, hyp, epochs)
    for epoch in range(epochs):
        model.train()
        for imgs, targets in loader:
            loss = model.compute_loss(model(imgs), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
