import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from data import ModelNet40
from pointnet import PointNetCls


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--batch_size", type=int, default=32)
    parser.add_argument("--max_lr", type=float, default=1e-3)
    args = parser.parse_args()

    train_set = ModelNet40(split="train", num_points=1024)
    train_loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True, num_workers=4)
    net = PointNetCls(k=40).cuda()
    opt = torch.optim.Adam(net.parameters(), lr=args.max_lr, weight_decay=1e-4)
    sched = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs, steps_per_epoch=len(train_set) // args.batch_size)

    for epoch in range(args.epochs):
        net.train()
        correct = 0
        for points, label in train_loader:
            points, label = points.cuda(), label.cuda().squeeze(-1)
            logits, trans_feat = net(points.transpose(2, 1))
            loss = F.cross_entropy(logits, label)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            correct += (logits.argmax(1) == label).sum().item()
        print(f"epoch {epoch}: train acc {correct / len(train_set):.4f}")
    torch.save(net.state_dict(), "pointnet_cls.pth")


if __name__ == "__main__":
    main()
