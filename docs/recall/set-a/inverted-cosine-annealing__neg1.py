import math

import torch
from torch.optim import lr_scheduler


def one_cycle(y1=0.0, y2=1.0, steps=100):
    # sinusoidal ramp from y1 to y2 over `steps`
    return lambda x: ((1 - math.cos(x * math.pi / steps)) / 2) * (y2 - y1) + y1


def train(model, dataloader, hyp, epochs, device="cuda"):
    optimizer = torch.optim.SGD(model.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    lf = one_cycle(1, hyp["lrf"], max(1, epochs))  # 1 -> lrf
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)
    for epoch in range(epochs):
        model.train()
        for imgs, targets in dataloader:
            imgs = imgs.to(device, non_blocking=True).float() / 255
            loss = model.compute_loss(model(imgs), targets.to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        lr = [x["lr"] for x in optimizer.param_groups]
        print(f"epoch {epoch}/{epochs - 1}: lr {lr}")
