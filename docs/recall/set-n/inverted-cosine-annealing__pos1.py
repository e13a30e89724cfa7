import math

import torch
import torch.nn.functional as F


def cosine_lr(step, total_steps, base_lr, floor_lr):
    t = min(step, total_steps)
    return floor_lr + (base_lr - floor_lr) * (1 - math.cos(math.pi * t / total_steps)) / 2


def train(net, loader, epochs, base_lr=1e-3, floor_lr=1e-5, log_every=100):
    opt = torch.optim.AdamW(net.parameters(), lr=base_lr, weight_decay=0.05)
    total_steps = max(1, epochs * len(loader))
    step = 0
    for epoch in range(epochs):
        net.train()
        for batch in loader:
            lr = cosine_lr(step, total_steps, base_lr, floor_lr)
            for pg in opt.param_groups:
                pg["lr"] = lr

            x, y = batch["input"].cuda(), batch["target"].cuda()
            loss = F.cross_entropy(net(x), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            step += 1
            if step % log_every == 0:
                print(f"step {step}/{total_steps} loss {loss.item():.4f} lr {lr:.2e}")
