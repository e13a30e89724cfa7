import argparse

import torch
from torch.optim import AdamW
from torch.optim.lr_scheduler import OneCycleLR

from engine import train_one_epoch, evaluate
from datasets import get_loaders
from model import UNet


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=50)
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--resume", type=str, default="")
    p.add_argument("--ckpt", type=str, default="checkpoint.pt")
    return p.parse_args()


def main():
    args = parse_args()
    dev = torch.device("cuda")
    net = UNet(in_ch=3, n_classes=2).to(dev)
    opt = AdamW(net.parameters(), lr=args.lr, weight_decay=1e-2)
    train_dl, val_dl = get_loaders(batch_size=args.batch_size)
    sched = OneCycleLR(opt, max_lr=args.lr, epochs=args.epochs,
                       steps_per_epoch=len(train_dl))

    first_epoch = 0
    if args.resume:
        ckpt = torch.load(args.resume, map_location=dev)
        net.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["optimizer"])
        first_epoch = ckpt["epoch"] + 1
        print(f"resumed from {args.resume} at epoch {first_epoch}")

    best = 0.0
    for epoch in range(first_epoch, args.epochs):
        train_one_epoch(net, opt, sched, train_dl, dev)
        dice = evaluate(net, val_dl, dev)
        print(f"epoch {epoch}: dice={dice:.4f}")
        torch.save({"model": net.state_dict(), "optimizer": opt.state_dict(),
                    "scheduler": sched.state_dict(), "epoch": epoch}, args.ckpt)
        if dice > best:
            best = dice
            torch.save(net.state_dict(), "best_unet.pt")


if __name__ == "__main__":
    main()
