import argparse

import torch


def parse():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--max-iter", type=int, default=40000)
    ap.add_argument("--power", type=float, default=0.9)
    return ap.parse_args()


def poly_lr(base, it, max_it, power, floor=0.0):
    remaining = max(0.0, 1.0 - it / max_it)
    return floor + (base - floor) * remaining ** power


def main(net, loader, args):
    assert args.max_iter > 0
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    it = 0
    data = iter(loader)
    while it < args.max_iter:
        try:
            imgs, masks = next(data)
        except StopIteration:
            data = iter(loader)
            imgs, masks = next(data)
        lr = poly_lr(args.lr, it, args.max_iter, args.power)
        for g in opt.param_groups:
            g["lr"] = lr
        loss = torch.nn.functional.cross_entropy(net(imgs), masks, ignore_index=255)
        opt.zero_grad()
        loss.backward()
        opt.step()
        it += 1
