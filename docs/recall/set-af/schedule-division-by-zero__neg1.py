import argparse

import torch
import yaml
from torch.optim import lr_scheduler


def parse_opt():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hyp", type=str, default="data/hyp.scratch.yaml")
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=16)
    return parser.parse_args()


def train(model, dataloader, compute_loss, opt):
    with open(opt.hyp) as f:
        hyp = yaml.safe_load(f)
    epochs = opt.epochs
    optimizer = torch.optim.SGD(model.parameters(), lr=hyp["lr0"],
                                momentum=hyp["momentum"], nesterov=True,
                                weight_decay=hyp["weight_decay"])
    span = max(epochs - 1, 1)
    lf = lambda x: (1 - x / span) * (1.0 - hyp["lrf"]) + hyp["lrf"]  # linear
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)

    for epoch in range(epochs):
        model.train()
        for imgs, targets in dataloader:
            imgs = imgs.cuda(non_blocking=True).float() / 255.0
            pred = model(imgs)
            loss, loss_items = compute_loss(pred, targets.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        print(epoch, [round(x["lr"], 6) for x in optimizer.param_groups])
