import math

import torch
from torch.optim.lr_scheduler import LambdaLR

hp = {"lr": 1e-3, "ramp": 500, "total": 20000, "wd": 0.05}


def make_lambda(hp):
    total = max(1, hp["total"])

    def factor(step):
        ramp = (step + 1) / max(1, hp["ramp"])
        cos_part = 0.5 * (1.0 + math.cos(math.pi * min(step, total) / total))
        return ramp * cos_part

    return factor


def train(net, loader):
    opt = torch.optim.AdamW(net.parameters(), lr=hp["lr"], weight_decay=hp["wd"])
    lr_sched = LambdaLR(opt, lr_lambda=make_lambda(hp))
    step = 0
    while step < hp["total"]:
        for batch, target in loader:
            out = net(batch)
            loss = torch.nn.functional.cross_entropy(out, target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
            step += 1
            if step >= hp["total"]:
                break
