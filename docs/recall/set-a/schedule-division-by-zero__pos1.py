import argparse

import torch.nn as nn
import torch.optim as optim
from torch.optim import lr_scheduler


def parse_opt():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--adam", action="store_true", help="use torch.optim.Adam() optimizer")
    parser.add_argument("--resume", type=str, default="")
    return parser.parse_args()


def build_optimizer(model, opt, hyp):
    pg0, pg1, pg2 = [], [], []
    for _, m in model.named_modules():
        if hasattr(m, "bias") and isinstance(m.bias, nn.Parameter):
            pg2.append(m.bias)
        if isinstance(m, nn.BatchNorm2d):
            pg0.append(m.weight)
        elif hasattr(m, "weight") and isinstance(m.weight, nn.Parameter):
            pg1.append(m.weight)
    if opt.adam:
        optimizer = optim.Adam(pg0, lr=hyp["lr0"], betas=(hyp["momentum"], 0.999))
    else:
        optimizer = optim.SGD(pg0, lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    optimizer.add_param_group({"params": pg1, "weight_decay": hyp["weight_decay"]})
    optimizer.add_param_group({"params": pg2})
    return optimizer


def build_scheduler(optimizer, opt, hyp):
    # linear decay from lr0 to lr0 * lrf over the run
    lf = lambda x: (1 - x / (opt.epochs - 1)) * (1.0 - hyp["lrf"]) + hyp["lrf"]  # noqa: E731
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)
    return scheduler, lf


def train(model, dataloader, hyp):
    opt = parse_opt()
    optimizer = build_optimizer(model, opt, hyp)
    scheduler, lf = build_scheduler(optimizer, opt, hyp)
    for epoch in range(opt.epochs):
        model.train()
        for imgs, targets in dataloader:
            loss = model.compute_loss(model(imgs.cuda().float() / 255), targets.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        print(f"epoch {epoch}: lr {[x['lr'] for x in optimizer.param_groups]}")
