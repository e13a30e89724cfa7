import argparse

import torch
from torch.optim.lr_scheduler import LambdaLR


def parse_opt():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--lr0", type=float, default=0.01)
    parser.add_argument("--lrf", type=float, default=0.1, help="final LR as a fraction of lr0")
    parser.add_argument("--momentum", type=float, default=0.937)
    return parser.parse_args()


def build_optimizer(model, opt):
    g_bn, g_w, g_b = [], [], []
    for v in model.modules():
        if hasattr(v, "bias") and isinstance(v.bias, torch.nn.Parameter):
            g_b.append(v.bias)
        if isinstance(v, torch.nn.BatchNorm2d):
            g_bn.append(v.weight)
        elif hasattr(v, "weight") and isinstance(v.weight, torch.nn.Parameter):
            g_w.append(v.weight)
    optimizer = torch.optim.SGD(g_bn, lr=opt.lr0, momentum=opt.momentum, nesterov=True)
    optimizer.add_param_group({"params": g_w, "weight_decay": 5e-4})
    optimizer.add_param_group({"params": g_b})
    return optimizer


def train(model, train_loader, compute_loss, opt):
    optimizer = build_optimizer(model, opt)
    lf = lambda x: (1 - x / (opt.epochs - 1)) * (1.0 - opt.lrf) + opt.lrf  # linear
    scheduler = LambdaLR(optimizer, lr_lambda=lf)
    for epoch in range(opt.epochs):
        model.train()
        for imgs, targets in train_loader:
            optimizer.zero_grad()
            loss = compute_loss(model(imgs), targets)
            loss.backward()
            optimizer.step()
        scheduler.step()
        print(f"epoch {epoch}: lr {[round(x, 6) for x in scheduler.get_last_lr()]}")


if __name__ == "__main__":
    opt = parse_opt()
