import math

import torch
from torch.optim.lr_scheduler import ExponentialLR

CFG = {"peak_lr": 2e-3, "warm_iters": 1000, "epochs": 40, "gamma": 0.95}


def set_lr(opt, value):
    for pg in opt.param_groups:
        pg["lr"] = value


def ramp_value(it, warm_iters, peak):
    return peak * min(1.0, (it + 1) / max(1, warm_iters))


def train(net, loader, loss_fn, device="cuda"):
    opt = torch.optim.Adam(net.parameters(), lr=CFG["peak_lr"])
    decay = ExponentialLR(opt, gamma=CFG["gamma"])
    net.to(device).train()

    it, epoch = 0, 0
    while epoch < CFG["epochs"]:
        for batch in loader:
            set_lr(opt, ramp_value(it, CFG["warm_iters"], CFG["peak_lr"]))
            inputs, targets = (t.to(device) for t in batch)
            opt.zero_grad()
            loss = loss_fn(net(inputs), targets)
            loss.backward()
            opt.step()
            it += 1
            if not math.isfinite(loss.item()):
                raise RuntimeError(f"loss diverged at iter {it}")
        decay.step()
        epoch += 1
        print(f"epoch {epoch} lr {opt.param_groups[0]['lr']:.2e}")
    return net
