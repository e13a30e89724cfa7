import math

import numpy as np
import torch
from torch.optim.lr_scheduler import LambdaLR

from detector import build_model, compute_loss
from detector.data import create_dataloader


def train(hyp, epochs=300, batch_size=16):
    loader = create_dataloader("data/coco/train2017.txt", batch_size, shuffle=True)
    nb = len(loader)
    net = build_model("yolo-s.yaml").cuda()
    opt = torch.optim.SGD(net.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"],
                          nesterov=True)
    lf = lambda x: ((1 - math.cos(x * math.pi / epochs)) / 2) * (hyp["lrf"] - 1) + 1
    lr_sched = LambdaLR(opt, lr_lambda=lf)
    nw = max(round(hyp["warmup_epochs"] * nb), 100)

    for epoch in range(epochs):
        net.train()
        opt.zero_grad()
        for i, (imgs, targets) in enumerate(loader):
            ni = i + nb * epoch
            if ni <= nw:
                xi = [0, nw]
                for x in opt.param_groups:
                    # ramp towards the value the scheduler itself would give
                    x["lr"] = np.interp(ni, xi, [0.0, x["initial_lr"] * lf(epoch)])
                    x["momentum"] = np.interp(ni, xi, [hyp["warmup_momentum"],
                                                       hyp["momentum"]])
            imgs = imgs.cuda(non_blocking=True).float() / 255
            loss = compute_loss(net(imgs), targets.cuda())
            loss.backward()
            opt.step()
            opt.zero_grad()
        lr_sched.step()
        torch.save({"epoch": epoch, "model": net.state_dict(),
                    "optimizer": opt.state_dict(),
                    "scheduler": lr_sched.state_dict()}, "last.pt")
