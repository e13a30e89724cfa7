import math

import numpy as np
import torch
from torch.optim import lr_scheduler


def one_cycle(y1=0.0, y2=1.0, steps=100):
    return lambda x: ((1 - math.cos(x * math.pi / steps)) / 2) * (y2 - y1) + y1


def train(model, train_loader, compute_loss, hyp, epochs=300):
    nb = len(train_loader)
    nw = max(round(hyp["warmup_epochs"] * nb), 100)
    optimizer = torch.optim.SGD(model.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    lf = one_cycle(1, hyp["lrf"], epochs)
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)

    for epoch in range(epochs):
        model.train()
        optimizer.zero_grad()
        for i, (imgs, targets) in enumerate(train_loader):
            ni = i + nb * epoch
            imgs = imgs.cuda(non_blocking=True).float() / 255
            if ni <= nw:
                xi = [0, nw]
                for j, x in enumerate(optimizer.param_groups):
                    x["lr"] = np.interp(ni, xi, [hyp["warmup_bias_lr"] if j == 0 else 0.0,
                                                 x["initial_lr"] * lf(epoch)])
                    if "momentum" in x:
                        x["momentum"] = np.interp(ni, xi, [hyp["warmup_momentum"], hyp["momentum"]])
            pred = model(imgs)
            loss, loss_items = compute_loss(pred, targets.cuda())
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
        scheduler.step()
        print(epoch, loss_items.tolist(), [x["lr"] for x in optimizer.param_groups])
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "scheduler": scheduler.state_dict(), "epoch": epoch}, "last.pt")
