import numpy as np
import torch
from torch.optim import lr_scheduler


def train(model, train_loader, hyp, epochs, device):
    nb = len(train_loader)
    optimizer = torch.optim.SGD(model.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    lf = lambda x: (1 - x / epochs) * (1.0 - hyp["lrf"]) + hyp["lrf"]  # linear decay to lrf
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)
    # warm-up length in optimizer iterations, at least 100
    nw = max(round(hyp["warmup_epochs"] * nb), 100)

    for epoch in range(epochs):
        model.train()
        for i, (imgs, targets) in enumerate(train_loader):
            ni = i + nb * epoch
            if ni <= nw:
                xi = [0, nw]
                for x in optimizer.param_groups:
                    # ramp towards the value the LambdaLR schedule gives this epoch
                    x["lr"] = np.interp(ni, xi, [0.0, x["initial_lr"] * lf(epoch)])
                    x["momentum"] = np.interp(ni, xi, [hyp["warmup_momentum"], hyp["momentum"]])
            imgs = imgs.to(device, non_blocking=True).float() / 255
            loss = model.compute_loss(imgs, targets.to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
