import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from data import build_dataset
from models import WideResNet


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--bs", type=int, default=256)
    return ap.parse_args()


def run(args):
    dev = "cuda"
    ds = build_dataset("cifar100", train=True)
    dl = DataLoader(ds, batch_size=args.bs, shuffle=True, num_workers=8, drop_last=True)
    net = WideResNet(depth=28, widen=10, num_classes=100).to(dev)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    # cosine over every iteration of the run, stepped per batch
    lr_sched = CosineAnnealingLR(opt, T_max=args.epochs * len(dl), eta_min=1e-6)
    loss_fn = nn.CrossEntropyLoss()

    for ep in range(args.epochs):
        net.train()
        for step, (x, y) in enumerate(dl):
            x, y = x.to(dev), y.to(dev)
            loss = loss_fn(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
            if step % 100 == 0:
                print(ep, step, loss.item(), lr_sched.get_last_lr()[0])
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(),
                    "sched": lr_sched.state_dict(), "epoch": ep}, "ckpt.pt")


if __name__ == "__main__":
    run(get_args())
