import argparse
import os

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from data import PairedImageDataset
from arch import EDSR


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--lr", type=float, default=2e-4)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--out", default="experiments/edsr")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    net = EDSR(scale=4).cuda()
    loader = DataLoader(PairedImageDataset("DIV2K/train"), batch_size=args.batch_size,
                        shuffle=True, num_workers=8, drop_last=True)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, betas=(0.9, 0.99))
    sched = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=1e-7)

    for epoch in range(args.epochs):
        net.train()
        total = 0.0
        for lq, gt in loader:
            lq, gt = lq.cuda(non_blocking=True), gt.cuda(non_blocking=True)
            opt.zero_grad()
            loss = F.l1_loss(net(lq), gt)
            loss.backward()
            opt.step()
            total += loss.item()
        print(f"epoch {epoch}: l1 {total / len(loader):.5f} lr {opt.param_groups[0]['lr']:.2e}")
        if (epoch + 1) % 50 == 0:
            torch.save(net.state_dict(), os.path.join(args.out, f"net_{epoch + 1}.pth"))


if __name__ == "__main__":
    main()
