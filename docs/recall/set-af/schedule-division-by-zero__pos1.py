import argparse

import torch
import yaml
from torch.optim import lr_scheduler


def parse_opt():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hyp", type=str, default="data/hyp.scratch.yaml")
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--linear-lr", action="store_true")
    return parser.parse_args()


def build_optimizer(model, hyp):
    g_bn, g_w, g_b = [], [], []
    for name, p in model.named_parameters():
        if name.endswith(".bias"):
            g_b.append(p)
        elif ".bn" in name:
            g_bn.append(p)
        else:
            g_w.append(p)
    optimizer = torch.optim.SGD(g_bn, lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    optimizer.add_param_group({"params": g_w, "weight_decay": hyp["weight_decay"]})
    optimizer.add_param_group({"params": g_b})
    return optimizer


def train(model, dataloader, compute_loss, opt):
    with open(opt.hyp) as f:
        hyp = yaml.safe_load(f)
    epochs = opt.epochs
    optimizer = build_optimizer(model, hyp)
    lf = lambda x: (1 - x / (epochs - 1)) * (1.0 - hyp["lrf"]) + hyp["lrf"]  # linear
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
