import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def build_scheduler(optimizer, hyp, epochs):
    lrf = hyp["lrf"]
    lf = lambda e: ((1 - math.cos(e * math.pi / epochs)) / 2) * (1 - lrf) + lrf
    return LambdaLR(optimizer, lr_lambda=lf)


def train(model, loader, hyp, epochs=300):
    optimizer = torch.optim.SGD(model.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"],
                                nesterov=True, weight_decay=hyp["weight_decay"])
    scheduler = build_scheduler(optimizer, hyp, epochs)
    for epoch in range(epochs):
        model.train()
        mloss = 0.0
        for i, (imgs, targets) in enumerate(loader):
            imgs = imgs.cuda(non_blocking=True).float() / 255.0
            loss = model.compute_loss(model(imgs), targets.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            mloss = (mloss * i + loss.item()) / (i + 1)
        scheduler.step()
        print(f"{epoch}/{epochs - 1} loss={mloss:.4f} lr={scheduler.get_last_lr()[0]:.5f}")
