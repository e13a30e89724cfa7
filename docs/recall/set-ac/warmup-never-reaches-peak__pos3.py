import argparse
import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--epochs", type=int, default=120)
    p.add_argument("--n_warm", type=int, default=5)
    return p.parse_args()


def make_lambda(args):
    def f(e):
        if e < args.n_warm:
            return e / args.n_warm
        t = (e - args.n_warm) / max(1, args.epochs - args.n_warm)
        return 0.5 * (1 + math.cos(math.pi * min(t, 1.0)))
    return f


def main(net, train_loader):
    args = parse()
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
    lr_sched = LambdaLR(opt, lr_lambda=make_lambda(args))
    loss_fn = torch.nn.CrossEntropyLoss()
    for epoch in range(args.epochs):
        net.train()
        for x, y in train_loader:
            loss = loss_fn(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr_sched.step()
        print(f"epoch {epoch} lr {lr_sched.get_last_lr()[0]:.4f}")
