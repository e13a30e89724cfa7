import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def cosine_factor(epochs, lrf=0.01):
    """Multiplier for LambdaLR: 1.0 at the start, `lrf` at the last epoch."""
    return lambda e: ((1 - math.cos(math.pi * e / epochs)) / 2) * (1.0 - lrf) + lrf


def train(net, loader, hyp, epochs=300, device="cuda"):
    opt = torch.optim.SGD(net.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    sched = LambdaLR(opt, lr_lambda=cosine_factor(epochs, hyp["lrf"]))
    net.to(device)
    for epoch in range(epochs):
        net.train()
        mloss = 0.0
        for i, (imgs, targets) in enumerate(loader):
            imgs = imgs.to(device, non_blocking=True).float() / 255.0
            loss = net.compute_loss(net(imgs), targets.to(device))
            opt.zero_grad()
            loss.backward()
            opt.step()
            mloss = (mloss * i + loss.item()) / (i + 1)
        sched.step()
        print(f"epoch {epoch}/{epochs - 1}  loss {mloss:.4f}  lr {sched.get_last_lr()[0]:.5f}")
