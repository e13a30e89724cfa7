import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def build(net, hp):
    opt = torch.optim.Adam(net.parameters(), lr=hp["lr"], betas=(0.9, 0.999))
    warm, total = hp["warm"], hp["steps"]

    def lam(s):
        if s < warm:
            return (s + 1) / warm
        return 0.5 * (1 + math.cos(math.pi * min(1.0, (s - warm) / max(1, total - warm))))

    return opt, LambdaLR(opt, lam)


def train(net, stream, hp):
    opt, lr_sched = build(net, hp)
    net.train()
    n = 0
    while n < hp["steps"]:
        src, tgt = next(stream)
        loss = net(src, tgt)
        loss.backward()
        lr_sched.step()
        opt.step()
        opt.zero_grad()
        n += 1
        if n % 500 == 0:
            print(f"step {n} loss {loss.item():.3f}")
