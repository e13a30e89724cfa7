import math

import torch
from torch.optim import lr_scheduler


def one_cycle(y1=0.0, y2=1.0, steps=100):
    return lambda x: ((1 - math.cos(x * math.pi / steps)) / 2) * (y2 - y1) + y1


def train(hyp, opt, model, dataloader, compute_loss):
    epochs = opt.epochs
    optimizer = torch.optim.SGD(model.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    if opt.cos_lr:
        lf = one_cycle(1, hyp["lrf"], epochs)
    else:
        lf = lambda x: (1 - x / epochs) * (1.0 - hyp["lrf"]) + hyp["lrf"]  # linear
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)
    for epoch in range(epochs):
        model.train()
        for imgs, targets in dataloader:
            loss, _ = compute_loss(model(imgs), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        print(f"{epoch}/{epochs - 1} lr={[round(x, 5) for x in scheduler.get_last_lr()]}")
