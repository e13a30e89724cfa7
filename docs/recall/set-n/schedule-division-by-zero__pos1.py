import yaml
import torch
import torch.nn as nn
from torch.optim import lr_scheduler


def build_optimizer(model, hyp):
    pg_bn, pg_w, pg_b = [], [], []
    for module in model.modules():
        if hasattr(module, "bias") and isinstance(module.bias, nn.Parameter):
            pg_b.append(module.bias)
        if isinstance(module, nn.BatchNorm2d):
            pg_bn.append(module.weight)
        elif hasattr(module, "weight") and isinstance(module.weight, nn.Parameter):
            pg_w.append(module.weight)
    optimizer = torch.optim.SGD(pg_bn, lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    optimizer.add_param_group({"params": pg_w, "weight_decay": hyp["weight_decay"]})
    optimizer.add_param_group({"params": pg_b})
    return optimizer


def train(model, train_loader, hyp_path, epochs, device):
    with open(hyp_path) as f:
        hyp = yaml.safe_load(f)
    optimizer = build_optimizer(model, hyp)
    lf = lambda x: (1 - x / (epochs - 1)) * (1.0 - hyp["lrf"]) + hyp["lrf"]  # linear
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)

    for epoch in range(epochs):
        model.train()
        mloss = torch.zeros(1, device=device)
        for i, (imgs, targets) in enumerate(train_loader):
            imgs = imgs.to(device, non_blocking=True).float() / 255.0
            loss = model.compute_loss(model(imgs), targets.to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            mloss = (mloss * i + loss.detach()) / (i + 1)
        scheduler.step()
        print(f"{epoch}/{epochs - 1} loss={mloss.item():.4f} lr={scheduler.get_last_lr()[0]:.5f}")
