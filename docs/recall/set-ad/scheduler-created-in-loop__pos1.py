import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from datasets import ModelNet40
from pointnet import PointNetCls


def build_args():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=250)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--bs", type=int, default=32)
    p.add_argument("--num-points", type=int, default=1024)
    return p.parse_args()


def main():
    args = build_args()
    train_ds = ModelNet40("data/modelnet40", split="train", num_points=args.num_points)
    loader = DataLoader(train_ds, batch_size=args.bs, shuffle=True, num_workers=4, drop_last=True)

    net = PointNetCls(k=40).cuda()
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, betas=(0.9, 0.999), weight_decay=1e-4)
    crit = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        sched = CosineAnnealingLR(opt, T_max=args.epochs * len(loader), eta_min=1e-5)
        net.train()
        correct = total = 0
        for points, label in loader:
            points, label = points.cuda().transpose(2, 1), label.cuda()
            opt.zero_grad()
            pred, trans_feat = net(points)
            loss = crit(pred, label)
            loss.backward()
            opt.step()
            sched.step()
            correct += (pred.argmax(1) == label).sum().item()
            total += label.numel()
        print(f"epoch {epoch}: train acc {correct / total:.4f} lr {sched.get_last_lr()[0]:.2e}")
        torch.save(net.state_dict(), "pointnet_cls.pth")


if __name__ == "__main__":
    main()
