import math

import numpy as np
import torch
from torch.optim.lr_scheduler import LambdaLR


def train(model, train_loader, hyp, epochs, device):
    g_bias, g_weights = [], []
    for name, p in model.named_parameters():
        (g_bias if name.endswith(".bias") else g_weights).append(p)
    optimizer = torch.optim.SGD(g_weights, lr=hyp["lr0"], momentum=hyp["momentum"],
                                nesterov=True, weight_decay=hyp["weight_decay"])
    optimizer.add_param_group({"params": g_bias, "weight_decay": 0.0})

    lf = lambda x: ((1 + math.cos(x * math.pi / epochs)) / 2) * (1 - hyp["lrf"]) + hyp["lrf"]
    scheduler = LambdaLR(optimizer, lr_lambda=lf)

    nb = len(train_loader)
    nw = max(round(hyp["warmup_epochs"] * nb), 100)
    for epoch in range(epochs):
        model.train()
        for i, (imgs, targets) in enumerate(train_loader):
            ni = i + nb * epoch
            if ni <= nw:
                xi = [0, nw]
                for j, x in enumerate(optimizer.param_groups):
                    start = hyp["warmup_bias_lr"] if j == 1 else 0.01 * x["initial_lr"]
                    x["lr"] = np.interp(ni, xi, [start, x["initial_lr"] * lf(epoch)])
                    if "momentum" in x:
                        x["momentum"] = np.interp(ni, xi, [hyp["warmup_momentum"], hyp["momentum"]])
            imgs = imgs.to(device, non_blocking=True).float() / 255
            loss = model.compute_loss(model(imgs), targets.to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        lrs = [round(x["lr"], 5) for x in optimizer.param_groups]
        print(f"epoch {epoch} loss {loss.item():.4f} lr {lrs}")
    return model
