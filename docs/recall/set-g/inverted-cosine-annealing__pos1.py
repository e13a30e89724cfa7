import math

import torch


def cosine_lr(base_lr, eta_min, t, T):
    t = min(t, T)
    return eta_min + (base_lr - eta_min) * (1 - math.cos(math.pi * t / T)) / 2


def train(net, loader, epochs=90, lr=0.1, eta_min=1e-4):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    total = max(1, epochs * len(loader))
    criterion = torch.nn.CrossEntropyLoss()
    step = 0
    for epoch in range(epochs):
        net.train()
        for x, y in loader:
            cur = cosine_lr(lr, eta_min, step, total)
            for g in opt.param_groups:
                g["lr"] = cur
            loss = criterion(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
        print(f"epoch {epoch} lr {cur:.5f} loss {loss.item():.4f}")
