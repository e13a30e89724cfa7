import argparse

import torch


def parse():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--max-iter", type=int, default=40000)
    ap.add_argument("--power", type=float, default=0.9)
    ap.add_argument("--epochs", type=int, default=50)
    return ap.parse_args()


def poly_lr(base, it, max_it, power):
    return base * (1 - it / max_it) ** power


def set_lr(opt, lr):
    for i, g in enumerate(opt.param_groups):
        g["lr"] = lr if i == 0 else lr * 10


def main(net, loader, args):
    head = list(net.head.parameters())
    head_ids = {id(p) for p in head}
    backbone = [p for p in net.parameters() if id(p) not in head_ids]
    opt = torch.optim.SGD(
        [{"params": backbone}, {"params": head}], lr=args.lr, momentum=0.9, weight_decay=5e-4
    )
    it = 0
    for epoch in range(args.epochs):
        for imgs, masks in loader:
            lr = poly_lr(args.lr, it, args.max_iter, args.power)
            set_lr(opt, lr)
            loss = torch.nn.functional.cross_entropy(net(imgs), masks, ignore_index=255)
            opt.zero_grad()
            loss.backward()
            opt.step()
            it += 1
        print(f"epoch {epoch} iter {it} lr {lr:.6f}")
