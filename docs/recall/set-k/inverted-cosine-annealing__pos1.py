import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def cosine_lambda(total_epochs, eta_min=0.01):
    total_epochs = max(1, total_epochs)

    def fn(ep):
        t = min(ep, total_epochs)
        return ((1 - math.cos(t * math.pi / total_epochs)) / 2) * (1 - eta_min) + eta_min

    return fn


def train(net, loader, epochs, lr=0.01, device="cuda"):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.937, nesterov=True, weight_decay=5e-4)
    sched = LambdaLR(opt, lr_lambda=cosine_lambda(epochs))
    criterion = torch.nn.BCEWithLogitsLoss()
    for epoch in range(epochs):
        net.train()
        mloss = 0.0
        for i, (imgs, masks) in enumerate(loader):
            imgs, masks = imgs.to(device), masks.to(device)
            opt.zero_grad()
            loss = criterion(net(imgs), masks)
            loss.backward()
            opt.step()
            mloss = (mloss * i + loss.item()) / (i + 1)
        sched.step()
        print(f"epoch {epoch + 1}/{epochs} loss {mloss:.4f} lr {sched.get_last_lr()[0]:.5f}")
    return net
