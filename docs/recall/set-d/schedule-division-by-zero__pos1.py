import argparse

import torch
import yaml
from torch.optim import lr_scheduler


def parse_opt():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hyp", type=str, default="data/hyp.scratch.yaml")
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--adam", action="store_true")
    return parser.parse_args()


def build_optimizer(model, hyp, use_adam):
    if use_adam:
        return torch.optim.Adam(model.parameters(), lr=hyp["lr0"], betas=(hyp["momentum"], 0.999))
    return torch.optim.SGD(model.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)


def train(model, dataloader, compute_loss):
    opt = parse_opt()
    with open(opt.hyp) as f:
        hyp = yaml.safe_load(f)
    optimizer = build_optimizer(model, hyp, opt.adam)
    lf = lambda x: (1 - x / (opt.epochs - 1)) * (1.0 - hyp["lrf"]) + hyp["lrf"]  # linear
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)

    for epoch in range(opt.epochs):
        model.train()
        for imgs, targets in dataloader:
            imgs = imgs.float() / 255.0
            pred = model(imgs)
            loss, loss_items = compute_loss(pred, targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        print(f"{epoch}/{opt.epochs - 1} lr={scheduler.get_last_lr()[0]:.5f}")
