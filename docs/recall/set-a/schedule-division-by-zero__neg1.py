import argparse

import torch.optim as optim
from torch.optim import lr_scheduler


def parse_opt():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--lr0", type=float, default=0.01)
    parser.add_argument("--lrf", type=float, default=0.1)
    return parser.parse_args()


def build_scheduler(optimizer, opt):
    # linear decay from lr0 to lr0 * lrf over the run
    span = max(opt.epochs - 1, 1)
    lf = lambda x: (1 - x / span) * (1.0 - opt.lrf) + opt.lrf  # noqa: E731
    return lr_scheduler.LambdaLR(optimizer, lr_lambda=lf)


def train(model, dataloader):
    opt = parse_opt()
    optimizer = optim.SGD(model.parameters(), lr=opt.lr0, momentum=0.937, nesterov=True)
    scheduler = build_scheduler(optimizer, opt)
    for epoch in range(opt.epochs):
        model.train()
        for imgs, targets in dataloader:
            loss = model.compute_loss(model(imgs.cuda().float() / 255), targets.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        scheduler.step()
        print(f"epoch {epoch}: lr {scheduler.get_last_lr()}")
