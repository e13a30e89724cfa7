import math

import numpy as np
import torch
from torch.optim.lr_scheduler import LambdaLR


def one_cycle(y1=0.0, y2=1.0, steps=100):
    return lambda x: ((1 - math.cos(x * math.pi / steps)) / 2) * (y2 - y1) + y1


def train(det, loader, hyp, epochs):
    nb = len(loader)
    nw = max(round(hyp["warmup_epochs"] * nb), 100)
    opt = torch.optim.SGD(det.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    lf = one_cycle(1, hyp["lrf"], epochs)
    lr_sched = LambdaLR(opt, lr_lambda=lf)

    for epoch in range(epochs):
        det.train()
        for i, (imgs, targets) in enumerate(loader):
            ni = i + nb * epoch
            if ni <= nw:
                # ramp from 0 to the value the scheduler itself has set for this epoch
                xi = [0, nw]
                for g in opt.param_groups:
                    g["lr"] = np.interp(ni, xi, [0.0, g["initial_lr"] * lf(epoch)])
                    g["momentum"] = np.interp(ni, xi, [hyp["warmup_momentum"], hyp["momentum"]])
            loss = det(imgs.cuda().float() / 255, targets.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr_sched.step()
        print(f"{epoch}/{epochs - 1} loss {loss.item():.4f} lr {opt.param_groups[0]['lr']:.5f}")
        torch.save({"model": det.state_dict(), "optimizer": opt.state_dict(),
                    "scheduler": lr_sched.state_dict(), "epoch": epoch}, "last.pt")
