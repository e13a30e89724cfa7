import argparse
import math

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from ssl_data import TwoCropDataset
from ssl_models import SimSiam


def adjust_lr(opt, it, total_its, args):
    if it < args.warm_its:
        lr = args.lr * (it + 1) / args.warm_its
    else:
        progress = (it - args.warm_its) / max(1, total_its - args.warm_its)
        lr = args.min_lr + 0.5 * (args.lr - args.min_lr) * (1 + math.cos(math.pi * progress))
    for pg in opt.param_groups:
        pg["lr"] = lr * pg.get("lr_scale", 1.0)
    return lr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=800)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--min-lr", type=float, default=0.0)
    ap.add_argument("--warm-its", type=int, default=2000)
    ap.add_argument("--bs", type=int, default=512)
    args = ap.parse_args()

    ds = TwoCropDataset("/data/imagenet/train")
    loader = DataLoader(ds, batch_size=args.bs, shuffle=True, num_workers=16, drop_last=True)
    net = SimSiam(dim=2048).cuda()
    criterion = nn.CosineSimilarity(dim=1)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
    sched = CosineAnnealingLR(opt, T_max=args.epochs)

    total_its = args.epochs * len(loader)
    it = 0
    for epoch in range(args.epochs):
        net.train()
        for (x1, x2), _ in loader:
            lr = adjust_lr(opt, it, total_its, args)
            p1, p2, z1, z2 = net(x1.cuda(non_blocking=True), x2.cuda(non_blocking=True))
            loss = -(criterion(p1, z2).mean() + criterion(p2, z1).mean()) * 0.5
            opt.zero_grad()
            loss.backward()
            opt.step()
            it += 1
        sched.step()
        print(f"epoch {epoch} loss {loss.item():.4f} lr {lr:.5f}")


if __name__ == "__main__":
    main()
