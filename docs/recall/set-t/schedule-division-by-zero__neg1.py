import argparse

import torch
import yaml
from torch.optim import lr_scheduler


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
    optimizer = torch.optim.SGD(model.parameters(), lr=hyp["lr0"],
                                momentum=hyp["momentum"], nesterov=True)
    lf = lambda x: (1 - x / max(epochs - 1, 1)) * (1.0 - hyp["lrf"]) + hyp["lrf"]
    scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)

    for epoch in range(epochs):
        train_one_epoch(model, optimizer, epoch, hyp)
        scheduler.step()


if __name__ == "__main__":
    main()
