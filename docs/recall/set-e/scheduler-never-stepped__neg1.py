import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from dataset import PointCloudDataset
from pointnet import PointNetCls


def train_one_epoch(net, dl, opt, lr_sched, crit):
    net.train()
    for pts, label in dl:
        pts, label = pts.transpose(2, 1).cuda(), label.cuda()
        logits, _ = net(pts)
        loss = crit(logits, label)
        opt.zero_grad()
        loss.backward()
        opt.step()
        lr_sched.step()
    return loss.item()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=200)
    ap.add_argument("--lr", type=float, default=1e-3)
    args = ap.parse_args()

    dl = DataLoader(PointCloudDataset("data/modelnet40", split="train"),
                    batch_size=32, shuffle=True, num_workers=4, drop_last=True)
    net = PointNetCls(k=40).cuda()
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, weight_decay=1e-4)
    lr_sched = CosineAnnealingLR(opt, T_max=args.epochs * len(dl), eta_min=1e-5)
    crit = nn.CrossEntropyLoss()
    for epoch in range(args.epochs):
        last = train_one_epoch(net, dl, opt, lr_sched, crit)
        print(f"epoch {epoch} loss {last:.4f} lr {lr_sched.get_last_lr()[0]:.2e}")


if __name__ == "__main__":
    main()
