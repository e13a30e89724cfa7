import math

import torch
from torch.optim.lr_scheduler import LambdaLR

hp = {
    "lr": 5e-4,
    "wd": 0.05,
    "ramp": 500,
    "total": 20000,
}


def lr_lambda(step):
    warm = min(1.0, (step + 1) / max(1, hp["ramp"]))
    progress = min(1.0, step / max(1, hp["total"]))
    return warm * 0.5 * (1.0 + math.cos(math.pi * progress))


def train(net, loader):
    opt = torch.optim.AdamW(net.parameters(), lr=hp["lr"], weight_decay=hp["wd"])
    lr_sched = LambdaLR(opt, lr_lambda)
    step = 0
    net.train()
    while step < hp["total"]:
        for batch in loader:
            out = net(batch["pixel_values"].cuda())
            loss = torch.nn.functional.cross_entropy(out, batch["labels"].cuda())
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            lr_sched.step()
            step += 1
            if step >= hp["total"]:
                break
    return net
