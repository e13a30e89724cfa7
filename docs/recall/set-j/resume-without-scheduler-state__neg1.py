import argparse
import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from models import build_resnet
from data import ImageFolderDataset


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="data/train")
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--resume", default="")
    p.add_argument("--out", default="checkpoints")
    return p.parse_args()


def main():
    args = parse_args()
    device = torch.device("cuda")
    net = build_resnet(18).to(device)
    criterion = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    lr_sched = CosineAnnealingLR(opt, T_max=args.epochs)
    loader = DataLoader(ImageFolderDataset(args.data), batch_size=args.batch_size,
                        shuffle=True, num_workers=8, pin_memory=True)

    start_epoch = 0
    if args.resume and os.path.isfile(args.resume):
        ckpt = torch.load(args.resume, map_location=device)
        net.load_state_dict(ckpt["state_dict"])
        opt.load_state_dict(ckpt["optimizer"])
        lr_sched.load_state_dict(ckpt["scheduler"])
        start_epoch = ckpt["epoch"] + 1

    os.makedirs(args.out, exist_ok=True)
    for epoch in range(start_epoch, args.epochs):
        net.train()
        for images, targets in loader:
            images = images.to(device, non_blocking=True)
            targets = targets.to(device, non_blocking=True)
            loss = criterion(net(images), targets)
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr_sched.step()

        torch.save({
            "epoch": epoch,
            "state_dict": net.state_dict(),
            "optimizer": opt.state_dict(),
            "scheduler": lr_sched.state_dict(),
        }, os.path.join(args.out, "checkpoint.pth.tar"))


if __name__ == "__main__":
    main()
