import argparse

import torch
from torch.optim import lr_scheduler


def parse_opt():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--lr0", type=float, default=0.01)
    parser.add_argument("--lrf", type=float, default=0.1, help="final LR as a fraction of lr0")
    parser.add_argument("--momentum", type=float, default=0.937)
    return parser.parse_args()


def train(model, dataloader, compute_loss):
    opt = parse_opt()
    epochs = opt.epochs
    optimizer = torch.optim.SGD(model.parameters(), lr=opt.lr0, momentum=opt.momentum, nesterov=True)

    # linear decay from lr0 to lr0 * lrf over the run
    lf = lambda x: (1 - x / (epochs - 1)) * (1.0 - opt.lrf) + opt.lrf  # noqa: E731
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)

    for epoch in range(epochs):
        model.train()
        mloss = torch.zeros(1)
        for i, (imgs, targets) in enumerate(dataloader):
            pred = model(imgs)
            loss = compute_loss(pred, targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            mloss = (mloss * i + loss.detach()) / (i + 1)
        scheduler.step()
        lr = [g["lr"] for g in optimizer.param_groups]
        print(f"epoch {epoch}/{epochs - 1}  loss {mloss.item():.4f}  lr {lr}")
