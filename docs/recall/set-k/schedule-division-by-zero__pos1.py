import argparse

import torch
import yaml
from torch.optim import lr_scheduler


def build_optimizer(model, hyp):
    pg_bn, pg_w, pg_b = [], [], []
    for m in model.modules():
        if hasattr(m, "bias") and isinstance(m.bias, torch.nn.Parameter):
            pg_b.append(m.bias)
        if isinstance(m, torch.nn.BatchNorm2d):
            pg_bn.append(m.weight)
        elif hasattr(m, "weight") and isinstance(m.weight, torch.nn.Parameter):
            pg_w.append(m.weight)
    optimizer = torch.optim.SGD(pg_bn, lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    optimizer.add_param_group({"params": pg_w, "weight_decay": hyp["weight_decay"]})
    optimizer.add_param_group({"params": pg_b})
    return optimizer


def train(hyp, opt, model, dataloader, compute_loss):
    epochs = opt.epochs
    optimizer = build_optimizer(model, hyp)
    lf = lambda x: (1 - x / (epochs - 1)) * (1.0 - hyp["lrf"]) + hyp["lrf"]  # linear
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)
    for epoch in range(epochs):
        model.train()
        for i, (imgs, targets, paths, _) in enumerate(dataloader):
            imgs = imgs.cuda(non_blocking=True).float() / 255.0
            pred = model(imgs)
            loss, loss_items = compute_loss(pred, targets.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        print(f"{epoch}/{epochs - 1} lr={[round(g['lr'], 6) for g in optimizer.param_groups]}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--hyp", type=str, default="data/hyp.scratch.yaml")
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=16)
    opt = parser.parse_args()
    with open(opt.hyp) as f:
        hyp = yaml.safe_load(f)
    from models.yolo import Model
    from utils.datasets import create_dataloader
    from utils.loss import ComputeLoss

    model = Model("cfg/yolov7-tiny.yaml", nc=80).cuda()
    dataloader = create_dataloader("data/train.txt", 640, opt.batch_size, shuffle=True)
    train(hyp, opt, model, dataloader, ComputeLoss(model))
