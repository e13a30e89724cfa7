import argparse
import os

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from dataset import PairedImageDataset
from models import UNet


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--epochs", type=int, default=200)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--bs", type=int, default=16)
    ap.add_argument("--out", default="checkpoints")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    loader = DataLoader(PairedImageDataset(args.root, "train"), batch_size=args.bs, shuffle=True, num_workers=4)
    net = UNet(in_ch=3, out_ch=3).cuda()
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, betas=(0.9, 0.999))
    lr_sched = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=1e-7)

    for epoch in range(args.epochs):
        net.train()
        epoch_loss = 0.0
        for lq, gt in loader:
            lq, gt = lq.cuda(), gt.cuda()
            loss = torch.nn.functional.l1_loss(net(lq), gt)
            opt.zero_grad()
            loss.backward()
            opt.step()
            epoch_loss += loss.item()
        print(f"epoch {epoch}: l1 {epoch_loss / len(loader):.5f} lr {opt.param_groups[0]['lr']:.2e}")
        if (epoch + 1) % 20 == 0:
            torch.save(net.state_dict(), os.path.join(args.out, f"unet_{epoch + 1}.pth"))


if __name__ == "__main__":
    main()
