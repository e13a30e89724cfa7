import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def train(net, loader, hyp, epochs=300):
    opt = torch.optim.SGD(net.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    lf = lambda e: ((1 + math.cos(e * math.pi / epochs)) / 2) * (1 - hyp["lrf"]) + hyp["lrf"]  # noqa: E731
    lr_sched = LambdaLR(opt, lr_lambda=lf)
    nb = len(loader)
    n_warm = max(round(hyp["warmup_epochs"] * nb), 100)

    for epoch in range(epochs):
        net.train()
        mloss = 0.0
        for i, (imgs, targets) in enumerate(loader):
            ni = i + nb * epoch
            if ni < n_warm:
                ramp = (ni + 1) / n_warm
                for g in opt.param_groups:
                    # ramp towards the value the schedule prescribes for this epoch
                    g["lr"] = g["initial_lr"] * lf(epoch) * ramp
            loss = net(imgs.cuda(non_blocking=True), targets.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
            mloss = (mloss * i + loss.item()) / (i + 1)
        lr_sched.step()
        print(f"{epoch}/{epochs - 1} loss {mloss:.4f} lr {lr_sched.get_last_lr()[0]:.5f}")
    return net
