import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def create_scheduler(optimizer, hyp, epochs):
    lrf = hyp["lrf"]
    lf = lambda x: ((1 - math.cos(x * math.pi / epochs)) / 2) * (1 - lrf) + lrf
    return LambdaLR(optimizer, lr_lambda=lf), lf


def train(model, train_loader, hyp, epochs=300):
    optimizer = torch.optim.SGD(model.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"],
                                nesterov=True, weight_decay=hyp["weight_decay"])
    scheduler, lf = create_scheduler(optimizer, hyp, epochs)
    for epoch in range(epochs):
        model.train()
        mloss = torch.zeros(1, device="cuda")
        for i, (imgs, targets) in enumerate(train_loader):
            imgs = imgs.cuda(non_blocking=True).float() / 255
            loss = model.compute_loss(model(imgs), targets.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            mloss = (mloss * i + loss.detach()) / (i + 1)
        scheduler.step()
        lr = [x["lr"] for x in optimizer.param_groups]
        print(f"{epoch}/{epochs - 1} loss={mloss.item():.4f} lr={lr}")
    return model
