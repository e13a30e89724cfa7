import argparse

import torch
from torch.optim import lr_scheduler


def parse_opt():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--lr0", type=float, default=0.01)
    parser.add_argument("--lrf", type=float, default=0.1, help="final LR as a fraction of lr0")
    return parser.parse_args()


def linear_lf(epochs, lrf):
    span = max(epochs - 1, 1)
    return lambda x: (1 - x / span) * (1.0 - lrf) + lrf


def train(model, dataloader, compute_loss):
    opt = parse_opt()
    optimizer = torch.optim.SGD(model.parameters(), lr=opt.lr0, momentum=0.937, nesterov=True)
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=linear_lf(opt.epochs, opt.lrf))

    for epoch in range(opt.epochs):
        model.train()
        for imgs, targets in dataloader:
            loss = compute_loss(model(imgs), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
