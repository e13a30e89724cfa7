import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.data import DataLoader

from data import build_dataset
from models import build_model


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=120)
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--resume", type=str, default="")
    p.add_argument("--ckpt", type=str, default="ckpt.pt")
    return p.parse_args()


def main():
    args = parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = build_model().to(device)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, nesterov=True)
    sched = MultiStepLR(opt, milestones=[60, 90], gamma=0.1)
    loader = DataLoader(build_dataset("train"), batch_size=256, shuffle=True, num_workers=8)

    first_epoch = 0
    if args.resume:
        ckpt = torch.load(args.resume, map_location=device)
        net.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["optimizer"])
        first_epoch = ckpt["epoch"] + 1

    for epoch in range(first_epoch, args.epochs):
        net.train()
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = F.cross_entropy(net(x), y)
            loss.backward()
            opt.step()
        sched.step()
        torch.save({
            "epoch": epoch,
            "model": net.state_dict(),
            "optimizer": opt.state_dict(),
            "scheduler": sched.state_dict(),
        }, args.ckpt)


if __name__ == "__main__":
    main()
