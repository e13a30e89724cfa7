import numpy as np
import torch
from torch.optim.lr_scheduler import LambdaLR

hyp = {
    "lr0": 0.01,
    "lrf": 0.01,  # final LR = lr0 * lrf
    "momentum": 0.937,
    "weight_decay": 5e-4,
}


def create_scheduler(optimizer, epochs, lrf):
    E = max(1, epochs)
    lam = lambda ep: (1 - np.cos(np.pi * ep / E)) * 0.5 * (1 - lrf) + lrf
    return LambdaLR(optimizer, lr_lambda=lam)


def train(net, loader, loss_fn, epochs=100, device="cuda"):
    net.to(device)
    optimizer = torch.optim.SGD(net.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"],
                                nesterov=True, weight_decay=hyp["weight_decay"])
    lr_sched = create_scheduler(optimizer, epochs, hyp["lrf"])
    for ep in range(epochs):
        net.train()
        tot = 0.0
        for imgs, targets in loader:
            imgs = imgs.to(device).float() / 255.0
            optimizer.zero_grad()
            loss = loss_fn(net(imgs), targets.to(device))
            loss.backward()
            optimizer.step()
            tot += loss.item()
        lr_sched.step()
        print(f"ep {ep} lr {lr_sched.get_last_lr()[0]:.5f} loss {tot / max(1, len(loader)):.4f}")
    return net
