import argparse

import torch
import yaml
from torch.optim import lr_scheduler


def build_optimizer(model, hyp):
    g_bn, g_w, g_b = [], [], []
    for name, p in model.named_parameters():
        if name.endswith(".bias"):
            g_b.append(p)
        elif p.ndim == 1:
            g_bn.append(p)
        else:
            g_w.append(p)
    opt = torch.optim.SGD(g_bn, lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    opt.add_param_group({"params": g_w, "weight_decay": hyp["weight_decay"]})
    opt.add_param_group({"params": g_b})
    return opt


def train(hyp, opt, model, dataloader, compute_loss):
    epochs = opt.epochs
    optimizer = build_optimizer(model, hyp)
    lf = lambda x: (1 - x / (epochs - 1)) * (1.0 - hyp["lrf"]) + hyp["lrf"]  # linear
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)
    for epoch in range(epochs):
        model.train()
        for imgs, targets in dataloader:
            pred = model(imgs)
            loss, _ = compute_loss(pred, targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        print(f"{epoch}/{epochs - 1} lr={[round(x, 5) for x in scheduler.get_last_lr()]}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--hyp", type=str, default="data/hyp.scratch.yaml")
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    with open(args.hyp) as f:
        hyp = yaml.safe_load(f)
    from models.yolo import Model
    from utils.loss import ComputeLoss
    from utils.datasets import create_dataloader

    net = Model("cfg/yolo.yaml")
    train(hyp, args, net, create_dataloader("data/train", args.batch_size), ComputeLoss(net))
