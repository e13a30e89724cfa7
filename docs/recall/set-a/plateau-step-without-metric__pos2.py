import torch
import torch.nn as nn
from torch.optim import lr_scheduler


def train(net, loader, hp, device="cuda"):
    opt = torch.optim.SGD(net.parameters(), lr=hp["lr"], momentum=0.9)
    lr_sched = lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=hp.get("factor", 0.5), patience=hp.get("patience", 5))
    crit = nn.SmoothL1Loss()
    it = 0
    data = iter(loader)
    net.train()
    while it < hp["max_iters"]:
        try:
            inputs, targets = next(data)
        except StopIteration:
            data = iter(loader)
            inputs, targets = next(data)
        inputs, targets = inputs.to(device), targets.to(device)
        loss = crit(net(inputs), targets)
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), hp.get("clip", 10.0))
        opt.step()
        lr_sched.step(loss.item())
        it += 1
        if it % 200 == 0:
            print(f"it {it}: loss {loss.item():.4f} lr {opt.param_groups[0]['lr']:.2e}")
    return net
