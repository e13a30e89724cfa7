import argparse
import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR

from models import UNet
from data import get_loaders


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=50)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--resume", default="")
    ap.add_argument("--ckpt-dir", default="checkpoints")
    return ap.parse_args()


def main():
    args = get_args()
    device = torch.device("cuda")
    train_loader, _ = get_loaders(batch_size=16)
    net = UNet(in_ch=3, n_classes=2).to(device)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    sched = StepLR(opt, step_size=20, gamma=0.5)
    loss_fn = nn.BCEWithLogitsLoss()

    first_epoch = 0
    if args.resume:
        ckpt = torch.load(args.resume, map_location=device)
        net.load_state_dict(ckpt["net"])
        opt.load_state_dict(ckpt["opt"])
        sched.load_state_dict(ckpt["sched"])
        first_epoch = ckpt["epoch"] + 1

    os.makedirs(args.ckpt_dir, exist_ok=True)
    for epoch in range(first_epoch, args.epochs):
        net.train()
        for img, mask in train_loader:
            img, mask = img.to(device), mask.to(device)
            opt.zero_grad()
            loss = loss_fn(net(img), mask)
            loss.backward()
            opt.step()
        sched.step()
        torch.save({
            "epoch": epoch,
            "net": net.state_dict(),
            "opt": opt.state_dict(),
            "sched": sched.state_dict(),
        }, os.path.join(args.ckpt_dir, "last.pt"))


if __name__ == "__main__":
    main()
