import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

from datasets import PointCloudDataset
from models import PointNetCls


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=250)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--batch_size", type=int, default=32)
    args = ap.parse_args()

    train_dl = DataLoader(PointCloudDataset("train"), batch_size=args.batch_size,
                          shuffle=True, num_workers=4, drop_last=True)
    net = PointNetCls(k=40).cuda()
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, betas=(0.9, 0.999),
                           weight_decay=1e-4)
    lr_sched = CosineAnnealingLR(opt, T_max=args.epochs, eta_min=1e-5)
    crit = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        net.train()
        n, correct, loss_sum = 0, 0, 0.0
        for points, label in train_dl:
            points, label = points.cuda(), label.cuda()
            opt.zero_grad()
            logits = net(points.transpose(2, 1))
            loss = crit(logits, label)
            loss.backward()
            opt.step()
            loss_sum += loss.item()
            correct += (logits.argmax(1) == label).sum().item()
            n += label.size(0)
        print(f"epoch {epoch} loss {loss_sum / len(train_dl):.4f} "
              f"acc {correct / n:.4f} lr {lr_sched.get_last_lr()[0]:.2e}")
        torch.save(net.state_dict(), "pointnet_last.pth")


if __name__ == "__main__":
    main()
