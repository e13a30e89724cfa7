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


def linear_lf(epochs, lrf):
    span = max(epochs - 1, 1)
    return lambda x: (1 - x / span) * (1.0 - lrf) + lrf


def train(model, train_loader, compute_loss, opt):
    optimizer = torch.optim.SGD(model.parameters(), lr=opt.lr0, momentum=opt.momentum,
                                nesterov=True, weight_decay=5e-4)
    scheduler = LambdaLR(optimizer, lr_lambda=linear_lf(opt.epochs, opt.lrf))
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
