import math

import numpy as np
import torch
from torch.optim import lr_scheduler

from yolo.model import Detector
from yolo.loss import ComputeLoss


def train(hyp, loader, epochs=300, device="cuda"):
    net = Detector(hyp["cfg"]).to(device)
    opt = torch.optim.SGD(net.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    lf = lambda x: ((1 - math.cos(x * math.pi / epochs)) / 2) * (hyp["lrf"] - 1) + 1
    scheduler = lr_scheduler.LambdaLR(opt, lr_lambda=lf)
    compute_loss = ComputeLoss(net)

    nb = len(loader)
    nw = max(round(hyp["warmup_epochs"] * nb), 100)
    for epoch in range(epochs):
        net.train()
        opt.zero_grad()
        for i, (imgs, targets) in enumerate(loader):
            ni = i + nb * epoch
            imgs = imgs.to(device, non_blocking=True).float() / 255

            if ni <= nw:
                xi = [0, nw]
                for j, x in enumerate(opt.param_groups):
                    x["lr"] = np.interp(ni, xi, [hyp["warmup_bias_lr"] if j == 0 else 0.0,
                                                 x["initial_lr"] * lf(epoch)])
                    if "momentum" in x:
                        x["momentum"] = np.interp(ni, xi, [hyp["warmup_momentum"], hyp["momentum"]])

            pred = net(imgs)
            loss, loss_items = compute_loss(pred, targets.to(device))
            loss.backward()
            opt.step()
            opt.zero_grad()

        scheduler.step()
        print(f"{epoch}/{epochs - 1} box/obj/cls {loss_items.tolist()} lr {[x['lr'] for x in opt.param_groups]}")
    return net
