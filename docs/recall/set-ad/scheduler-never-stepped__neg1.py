import argparse
import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import ExponentialLR
from torch.utils.data import DataLoader

from srdata import DIV2KPatches
from edsr import EDSR


def options():
    p = argparse.ArgumentParser()
    p.add_argument("--scale", type=int, default=2)
    p.add_argument("--epochs", type=int, default=300)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--gamma", type=float, default=0.99)
    p.add_argument("--save-dir", default="experiments/edsr_x2")
    return p.parse_args()


def train_one_epoch(sr_net, loader, adam, lr_decay, l1):
    sr_net.train()
    epoch_loss = 0.0
    for lr_img, hr_img in loader:
        lr_img, hr_img = lr_img.cuda(non_blocking=True), hr_img.cuda(non_blocking=True)
        adam.zero_grad()
        loss = l1(sr_net(lr_img), hr_img)
        loss.backward()
        adam.step()
        epoch_loss += loss.item()
    lr_decay.step()
    return epoch_loss / len(loader)


def main():
    opt_args = options()
    os.makedirs(opt_args.save_dir, exist_ok=True)
    train_ds = DIV2KPatches("data/DIV2K", scale=opt_args.scale, patch=96)
    loader = DataLoader(train_ds, batch_size=16, shuffle=True, num_workers=8, pin_memory=True)

    sr_net = EDSR(scale=opt_args.scale, n_resblocks=16, n_feats=64).cuda()
    adam = torch.optim.Adam(sr_net.parameters(), lr=opt_args.lr, betas=(0.9, 0.999), eps=1e-8)
    lr_decay = ExponentialLR(adam, gamma=opt_args.gamma)
    l1 = nn.L1Loss()

    for epoch in range(1, opt_args.epochs + 1):
        avg = train_one_epoch(sr_net, loader, adam, lr_decay, l1)
        print(f"[{epoch}/{opt_args.epochs}] L1 {avg:.5f} lr {lr_decay.get_last_lr()[0]:.2e}")
        if epoch % 10 == 0:
            torch.save(sr_net.state_dict(), os.path.join(opt_args.save_dir, f"edsr_{epoch}.pth"))


if __name__ == "__main__":
    main()
