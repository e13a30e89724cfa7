import math

import numpy as np
import torch
from torch.optim import lr_scheduler


def train(model, train_loader, hyp, epochs, device):
    nb = len(train_loader)
    nw = max(round(hyp["warmup_epochs"] * nb), 100)  # number of warm-up iterations
    optimizer = torch.optim.SGD(model.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    lf = lambda x: ((1 - math.cos(x * math.pi / epochs)) / 2) * (hyp["lrf"] - 1) + 1  # cosine 1 -> lrf
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)

    for epoch in range(epochs):
        model.train()
        optimizer.zero_grad()
        for i, (imgs, targets) in enumerate(train_loader):
            ni = i + nb * epoch  # integrated batches since start of training
            imgs = imgs.to(device, non_blocking=True).float() / 255

            if ni <= nw:
                xi = [0, nw]
                for j, x in enumerate(optimizer.param_groups):
                    # ramp towards what the schedule itself prescribes for this epoch
                    x["lr"] = np.interp(ni, xi, [hyp["warmup_bias_lr"] if j == 0 else 0.0,
                                                 x["initial_lr"] * lf(epoch)])
                    x["momentum"] = np.interp(ni, xi, [hyp["warmup_momentum"], hyp["momentum"]])

            loss = model.compute_loss(model(imgs), targets.to(device))
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()

        scheduler.step()
        torch.save({"epoch": epoch, "model": model.state_dict(),
                    "optimizer": optimizer.state_dict()}, "last.pt")
