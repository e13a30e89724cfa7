import math

import torch
from torch.optim import lr_scheduler


def one_cycle(y1=0.0, y2=1.0, steps=100):
    # sinusoidal ramp from y1 to y2 over `steps`
    return lambda x: ((1 - math.cos(x * math.pi / steps)) / 2) * (y2 - y1) + y1


def train(model, loader, compute_loss, hyp, epochs=300):
    optimizer = torch.optim.SGD(model.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    lf = one_cycle(1.0, hyp["lrf"], max(1, epochs))  # cosine 1 -> hyp['lrf']
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)
    for epoch in range(epochs):
        model.train()
        mloss = 0.0
        for i, (imgs, targets) in enumerate(loader):
            pred = model(imgs.float() / 255.0)
            loss, _ = compute_loss(pred, targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            mloss = (mloss * i + loss.item()) / (i + 1)
        scheduler.step()
        print(f"epoch {epoch} mloss {mloss:.4f} lr {scheduler.get_last_lr()[0]:.5f}")
