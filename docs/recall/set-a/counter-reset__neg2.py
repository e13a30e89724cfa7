import math

import torch
import torch.nn.functional as F


def sgdr_factor(t_cur, t_i, floor):
    return floor + (1.0 - floor) * 0.5 * (1.0 + math.cos(math.pi * t_cur / t_i))


def train(net, loader, hp, device="cuda"):
    opt = torch.optim.SGD(net.parameters(), lr=hp["lr"], momentum=0.9, weight_decay=hp["wd"])
    t_cur = 0
    t_i = max(1, hp["t0"] * len(loader))
    mult = hp.get("t_mult", 2)
    floor = hp.get("floor", 0.0)
    for epoch in range(hp["epochs"]):
        net.train()
        for i, (x, y) in enumerate(loader):
            for g in opt.param_groups:
                g["lr"] = hp["lr"] * sgdr_factor(t_cur, t_i, floor)
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            loss = F.cross_entropy(net(x), y, label_smoothing=0.1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            t_cur += 1
            if t_cur >= t_i:
                # warm restart: begin a new, longer cycle
                t_cur = 0
                t_i *= mult
        print(f"epoch {epoch}: lr {opt.param_groups[0]['lr']:.4e} loss {loss.item():.4f}")
