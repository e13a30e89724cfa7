import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def one_cycle(y1=0.0, y2=1.0, steps=100):
    # sinusoidal ramp from y1 to y2 over `steps`
    return lambda x: ((1 - math.cos(x * math.pi / steps)) / 2) * (y2 - y1) + y1


def train(net, loader, hyp, epochs=300, device="cuda"):
    opt = torch.optim.SGD(net.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    lf = one_cycle(1, hyp["lrf"], epochs)
    sched = LambdaLR(opt, lr_lambda=lf)
    net.to(device)
    for epoch in range(epochs):
        net.train()
        for imgs, targets in loader:
            imgs = imgs.to(device, non_blocking=True).float() / 255.0
            loss = net.compute_loss(net(imgs), targets.to(device))
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch}/{epochs - 1}  lr {sched.get_last_lr()[0]:.5f}")
