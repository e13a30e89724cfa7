import math

import numpy as np
import torch
from torch.optim import lr_scheduler


def cosine_decay(final_ratio, steps):
    # 1.0 at x=0 down to final_ratio at x=steps
    return lambda x: ((1 + math.cos(x * math.pi / steps)) / 2) * (1 - final_ratio) + final_ratio


def train(model, train_loader, hyp, epochs, device):
    g0, g1 = [], []
    for name, p in model.named_parameters():
        (g1 if p.ndim > 1 else g0).append(p)
    optimizer = torch.optim.SGD(g0, lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    optimizer.add_param_group({"params": g1, "weight_decay": hyp["weight_decay"]})

    lf = cosine_decay(hyp["lrf"], epochs)
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)

    nb = len(train_loader)
    nw = max(round(hyp["warmup_epochs"] * nb), 100)
    for epoch in range(epochs):
        model.train()
        optimizer.zero_grad()
        for i, (imgs, targets) in enumerate(train_loader):
            ni = i + nb * epoch
            if ni <= nw:
                xi = [0, nw]
                for j, x in enumerate(optimizer.param_groups):
                    x["lr"] = np.interp(ni, xi, [hyp["warmup_bias_lr"] if j == 0 else 0.0,
                                                 x["initial_lr"] * lf(epoch)])
            imgs = imgs.to(device).float() / 255
            loss = model.compute_loss(model(imgs), targets.to(device))
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
        scheduler.step()
