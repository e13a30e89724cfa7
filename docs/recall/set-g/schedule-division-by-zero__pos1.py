import argparse
import math

import torch
import yaml
from torch.optim import lr_scheduler


def parse_opt():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hyp", type=str, default="data/hyp.scratch.yaml")
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--linear-lr", action="store_true", help="linear LR")
    return parser.parse_args()


def create_optimizer(model, hyp):
    g_bn, g_w, g_b = [], [], []
    for name, p in model.named_parameters():
        if name.endswith(".bias"):
            g_b.append(p)
        elif p.ndim == 1:
            g_bn.append(p)
        else:
            g_w.append(p)
    optimizer = torch.optim.SGD(g_bn, lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    optimizer.add_param_group({"params": g_w, "weight_decay": hyp["weight_decay"]})
    optimizer.add_param_group({"params": g_b})
    return optimizer


def setup(model, opt):
    with open(opt.hyp) as f:
        hyp = yaml.safe_load(f)
    epochs = opt.epochs
    optimizer = create_optimizer(model, hyp)
    if opt.linear_lr:
        lf = lambda x: (1 - x / (epochs - 1)) * (1.0 - hyp["lrf"]) + hyp["lrf"]
    else:
        lf = lambda x: hyp["lrf"] + (1.0 - hyp["lrf"]) * 0.5 * (1 + math.cos(x * math.pi / epochs))
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)
    return optimizer, scheduler, hyp
