import math

import torch


def cosine_lr(step, total_steps, base_lr, floor_lr=0.0):
    progress = min(step, total_steps) / max(1, total_steps)
    return floor_lr + (base_lr - floor_lr) * 0.5 * (1.0 + math.cos(math.pi * progress))


def train(net, loader, epochs, base_lr=3e-4):
    opt = torch.optim.AdamW(net.parameters(), lr=base_lr, weight_decay=0.1)
    total = epochs * len(loader)
    it = 0
    for epoch in range(epochs):
        net.train()
        for x, y in loader:
            lr = cosine_lr(it, total, base_lr, floor_lr=base_lr * 0.1)
            for g in opt.param_groups:
                g["lr"] = lr
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            it += 1
        print(epoch, lr, loss.item())
