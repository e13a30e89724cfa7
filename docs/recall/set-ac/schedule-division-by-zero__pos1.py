import argparse

import torch
from torch.optim import lr_scheduler


def parse_opt():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--lr0", type=float, default=0.01)
    parser.add_argument("--lrf", type=float, default=0.1, help="final lr as a fraction of lr0")
    parser.add_argument("--momentum", type=float, default=0.937)
    return parser.parse_args()


def train(hyp, opt, model, train_loader):
    epochs = opt.epochs
    optimizer = torch.optim.SGD(model.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    lf = lambda x: (1 - x / (epochs - 1)) * (1.0 - hyp["lrf"]) + hyp["lrf"]  # linear
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)

    for epoch in range(epochs):
        model.train()
        for i, (imgs, targets) in enumerate(train_loader):
            loss, loss_items = model(imgs, targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        lr = [x["lr"] for x in optimizer.param_groups]
        print(f"{epoch}/{epochs - 1}", lr)


if __name__ == "__main__":
    opt = parse_opt()
    hyp = {"lr0": opt.lr0, "lrf": opt.lrf, "momentum": opt.momentum}
    from models.yolo import Model
    from utils.datasets import create_dataloader
    train(hyp, opt, Model("cfg/yolov7.yaml"), create_dataloader("data/train.txt"))
