import argparse

import torch
from torch.optim.lr_scheduler import LambdaLR


def parse():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--epochs", type=int, default=120)
    ap.add_argument("--power", type=float, default=0.9)
    ap.add_argument("--wd", type=float, default=1e-4)
    return ap.parse_args()


def make_sched(opt, args):
    n = args.epochs
    p = args.power
    return LambdaLR(opt, lr_lambda=lambda e: (1 - e / n) ** p)


def main(net, train_loader, criterion):
    args = parse()
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.wd)
    sched = make_sched(opt, args)
    for epoch in range(args.epochs):
        net.train()
        total = 0.0
        for x, y in train_loader:
            opt.zero_grad()
            loss = criterion(net(x), y)
            loss.backward()
            opt.step()
            total += loss.item()
        sched.step()
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.5f} loss {total:.3f}")
