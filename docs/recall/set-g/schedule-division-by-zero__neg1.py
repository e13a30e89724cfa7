import argparse
import math

import torch
from torch.optim import lr_scheduler


def parse_opt():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr0", type=float, default=0.01)
    parser.add_argument("--lrf", type=float, default=0.01)
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--cos-lr", action="store_true")
    return parser.parse_args()


def build_scheduler(optimizer, opt):
    epochs = opt.epochs
    lrf = opt.lrf
    if opt.cos_lr:
        lf = lambda x: lrf + (1.0 - lrf) * 0.5 * (1 + math.cos(min(x, epochs) * math.pi / max(epochs, 1)))
    else:
        lf = lambda x: max(1 - x / max(epochs - 1, 1), 0) * (1.0 - lrf) + lrf
    return lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)


def train(model, loader, opt):
    optimizer = torch.optim.SGD(model.parameters(), lr=opt.lr0, momentum=0.937, nesterov=True)
    scheduler = build_scheduler(optimizer, opt)
    for epoch in range(opt.epochs):
        model.train()
        for imgs, targets in loader:
            loss = model(imgs, targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
