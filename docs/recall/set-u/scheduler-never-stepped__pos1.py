import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from dataset import DIV2K
from model import EDSR


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=300)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--scale", type=int, default=4)
    args = ap.parse_args()

    loader = DataLoader(DIV2K("train", scale=args.scale, patch=48), batch_size=16, shuffle=True, num_workers=8)
    net = EDSR(scale=args.scale).cuda()
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, betas=(0.9, 0.999))
    sched = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=1e-7)
    l1 = nn.L1Loss()

    for epoch in range(args.epochs):
        net.train()
        running = 0.0
        for lr_img, hr_img in loader:
            lr_img, hr_img = lr_img.cuda(), hr_img.cuda()
            loss = l1(net(lr_img), hr_img)
            opt.zero_grad()
            loss.backward()
            opt.step()
            running += loss.item()
        print(f"[{epoch + 1}/{args.epochs}] L1 {running / len(loader):.4f} lr {opt.param_groups[0]['lr']:.2e}")
        if (epoch + 1) % 50 == 0:
            torch.save(net.state_dict(), f"edsr_x{args.scale}_{epoch + 1}.pt")


if __name__ == "__main__":
    main()
