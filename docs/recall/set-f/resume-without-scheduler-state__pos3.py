import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.data import DataLoader

from dataset import SegmentationDataset
from network import UNet


def get_args():
    p = argparse.ArgumentParser()
    p.add_argument("--resume", default="")
    p.add_argument("--epochs", type=int, default=120)
    p.add_argument("--lr", type=float, default=0.01)
    return p.parse_args()


def main():
    args = get_args()
    ds = SegmentationDataset("data/train")
    loader = DataLoader(ds, batch_size=8, shuffle=True, num_workers=8, drop_last=True)

    unet = UNet(n_channels=3, n_classes=21).cuda()
    opt = torch.optim.SGD(unet.parameters(), lr=args.lr, momentum=0.9)
    decay = MultiStepLR(opt, milestones=[60, 90], gamma=0.1)
    criterion = nn.CrossEntropyLoss(ignore_index=255)

    start_epoch = 0
    if args.resume:
        ckpt = torch.load(args.resume, map_location="cpu")
        unet.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["optimizer"])
        start_epoch = ckpt["epoch"] + 1

    for epoch in range(start_epoch, args.epochs):
        unet.train()
        for img, mask in loader:
            img, mask = img.cuda(non_blocking=True), mask.cuda(non_blocking=True)
            opt.zero_grad()
            loss = criterion(unet(img), mask)
            loss.backward()
            opt.step()
        decay.step()

        torch.save(
            {
                "model": unet.state_dict(),
                "optimizer": opt.state_dict(),
                "scheduler": decay.state_dict(),
                "epoch": epoch,
            },
            "checkpoint.pth",
        )


if __name__ == "__main__":
    main()
