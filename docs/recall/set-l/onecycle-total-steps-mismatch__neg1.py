import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from data import ShapeNetParts
from pointnet import PointNetSeg


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=150)
    parser.add_argument("--batch_size", type=int, default=24)
    parser.add_argument("--max_lr", type=float, default=2e-3)
    args = parser.parse_args()

    train_set = ShapeNetParts(split="trainval", num_points=2048)
    train_loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True, num_workers=4)
    net = PointNetSeg(num_parts=50).cuda()
    opt = torch.optim.Adam(net.parameters(), lr=args.max_lr)
    sched = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs, steps_per_epoch=len(train_loader))

    for epoch in range(args.epochs):
        net.train()
        for points, seg in train_loader:
            points, seg = points.cuda(), seg.cuda()
            pred = net(points.transpose(2, 1))
            loss = F.cross_entropy(pred.reshape(-1, 50), seg.reshape(-1))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
