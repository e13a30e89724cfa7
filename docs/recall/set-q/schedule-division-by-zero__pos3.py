import math

import torch
from torch.optim.lr_scheduler import LambdaLR

DEFAULT_HP = {
    "lr": 5e-4,
    "weight_decay": 0.01,
    "ramp": 0,  # warm-up steps; 0 disables warm-up
    "total_steps": 100_000,
}


def build_optim(net, hp=None):
    hp = dict(DEFAULT_HP, **(hp or {}))
    opt = torch.optim.AdamW(net.parameters(), lr=hp["lr"], weight_decay=hp["weight_decay"])

    def lr_lambda(step):
        warm = min(1.0, (step + 1) / hp["ramp"])
        progress = min(1.0, step / max(1, hp["total_steps"]))
        return warm * 0.5 * (1.0 + math.cos(math.pi * progress))

    sched = LambdaLR(opt, lr_lambda)
    return opt, sched, hp


def train(net, loader, hp=None):
    opt, sched, hp = build_optim(net, hp)
    net.train()
    step = 0
    while step < hp["total_steps"]:
        for batch in loader:
            out = net(**batch)
            out.loss.backward()
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step >= hp["total_steps"]:
                break
