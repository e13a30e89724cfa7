import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from dataset import PointCloudDataset
from pointnet import PointNetCls


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=250)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--npoints", type=int, default=1024)
    args = ap.parse_args()

    ds = PointCloudDataset("data/modelnet40", split="train", npoints=args.npoints)
    dl = DataLoader(ds, batch_size=32, shuffle=True, num_workers=4, drop_last=True)
    net = PointNetCls(k=40).cuda()
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, betas=(0.9, 0.999),
                           weight_decay=1e-4)
    lr_sched = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=1e-5)
    crit = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        net.train()
        correct = 0
        for pts, label in dl:
            pts, label = pts.transpose(2, 1).cuda(), label.cuda()
            logits, trans_feat = net(pts)
            loss = crit(logits, label) + 1e-3 * net.feature_transform_reg(trans_feat)
            opt.zero_grad()
            loss.backward()
            opt.step()
            correct += (logits.argmax(-1) == label).sum().item()
        print(f"epoch {epoch}: acc {correct / (len(dl) * 32):.4f}")
        torch.save(net.state_dict(), f"pointnet_{epoch}.pth")


if __name__ == "__main__":
    main()
