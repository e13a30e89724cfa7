import argparse

import torch
import yaml
from torch.optim import lr_scheduler


def build_optimizer(model, hyp):
    g_bn, g_w, g_b = [], [], []
    for name, p in model.named_parameters():
        if name.endswith(".bias"):
            g_b.append(p)
        elif ".bn" in name:
            g_bn.append(p)
        else:
            g_w.append(p)
    opt = torch.optim.SGD(g_bn, lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    opt.add_param_group({"params": g_w, "weight_decay": hyp["weight_decay"]})
    opt.add_param_group({"params": g_b})
    return opt


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hyp", type=str, default="hyp.scratch.yaml")
    parser.add_argument("--epochs", type=int, default=300)
    opt_args = parser.parse_args()
    with open(opt_args.hyp) as f:
        hyp = yaml.safe_load(f)
    epochs = opt_args.epochs

    from models.yolo import Model
    from utils.train import train_one_epoch

    model = Model("cfg/yolo.yaml").cuda()
    optimizer = build_optimizer(model, hyp)
    lf = lambda x: (1 - x / (epochs - 1)) * (1.0 - hyp["lrf"]) + hyp["lrf"]
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)

    for epoch in range(epochs):
        train_one_epoch(model, optimizer, epoch, hyp)
        scheduler.step()


if __name__ == "__main__":
    main()
