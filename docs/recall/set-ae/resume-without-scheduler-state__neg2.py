import argparse

import torch
from torch.optim import AdamW
from torch.optim.lr_scheduler import CosineAnnealingLR

from engine import train_one_epoch, evaluate
from datasets import get_loaders
from model import SegFormer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=80)
    parser.add_argument("--lr", type=float, default=6e-5)
    parser.add_argument("--resume", default="")
    parser.add_argument("--ckpt", default="checkpoint.pt")
    args = parser.parse_args()

    dev = torch.device("cuda")
    net = SegFormer(num_classes=19).to(dev)
    opt = AdamW(net.parameters(), lr=args.lr, weight_decay=0.01)
    sched = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=1e-7)
    train_dl, val_dl = get_loaders(batch_size=8)

    start = 0
    if args.resume:
        ckpt = torch.load(args.resume, map_location=dev)
        net.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["optimizer"])
        if "scheduler" not in ckpt:
            raise KeyError(f"{args.resume} has no scheduler state; cannot resume the schedule")
        sched.load_state_dict(ckpt["scheduler"])
        start = ckpt["epoch"] + 1

    for epoch in range(start, args.epochs):
        train_one_epoch(net, opt, train_dl, dev)
        sched.step()
        miou = evaluate(net, val_dl, dev)
        print(f"epoch {epoch}: mIoU={miou:.4f}")
        torch.save({
            "model": net.state_dict(),
            "optimizer": opt.state_dict(),
            "scheduler": sched.state_dict(),
            "epoch": epoch,
        }, args.ckpt)


if __name__ == "__main__":
    main()
