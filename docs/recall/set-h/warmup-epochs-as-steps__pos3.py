import argparse

import torch
from torch.optim.lr_scheduler import LambdaLR


def get_parser():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--n_warm", type=int, default=5, help="number of warm-up epochs")
    p.add_argument("--lr", type=float, default=0.4)
    return p


def train(net, train_loader, args):
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
    warm_len = args.n_warm * len(train_loader)
    lr_sched = LambdaLR(opt, lambda ep: min(1.0, (ep + 1) / warm_len))
    crit = torch.nn.CrossEntropyLoss()

    net.cuda()
    for ep in range(args.epochs):
        net.train()
        running, count = 0.0, 0
        for x, y in train_loader:
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            loss = crit(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            running += loss.item() * x.size(0)
            count += x.size(0)
        lr_sched.step()
        print(f"epoch {ep}: loss {running / count:.4f} lr {lr_sched.get_last_lr()[0]:.4f}")
    return net


if __name__ == "__main__":
    from setup import build_model, build_loader
    a = get_parser().parse_args()
    train(build_model(), build_loader(), a)
