import argparse

import torch
from torch.optim import lr_scheduler


def parse():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=300)
    ap.add_argument("--lr0", type=float, default=0.01)
    ap.add_argument("--lrf", type=float, default=0.1, help="final LR as a fraction of lr0")
    args = ap.parse_args()
    if args.epochs < 1:
        ap.error("--epochs must be at least 1")
    return args


def train(model, loader, device):
    opt = parse()
    optimizer = torch.optim.SGD(model.parameters(), lr=opt.lr0, momentum=0.937, nesterov=True)
    lf = lambda x: (1 - x / opt.epochs) * (1.0 - opt.lrf) + opt.lrf
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)

    for epoch in range(opt.epochs):
        model.train()
        for imgs, targets in loader:
            loss = model.loss(model(imgs.to(device)), targets.to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        print(f"epoch {epoch} lr {[round(x, 6) for x in scheduler.get_last_lr()]}")
