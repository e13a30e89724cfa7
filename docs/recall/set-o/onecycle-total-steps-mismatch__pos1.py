import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from pointnet import PointNetSeg, S3DISDataset


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default="data/s3dis")
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--batch_size", type=int, default=16)
    parser.add_argument("--max_lr", type=float, default=1e-2)
    args = parser.parse_args()

    train_set = S3DISDataset(args.root, split="train", num_points=4096)
    train_loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True,
                              num_workers=8, pin_memory=True)
    net = PointNetSeg(num_classes=13).cuda()
    criterion = nn.CrossEntropyLoss()
    opt = torch.optim.AdamW(net.parameters(), lr=args.max_lr / 10, weight_decay=1e-4)
    sched = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs,
                       steps_per_epoch=len(train_set) // args.batch_size)

    for epoch in range(args.epochs):
        net.train()
        correct, total = 0, 0
        for points, labels in train_loader:
            points, labels = points.cuda(non_blocking=True), labels.cuda(non_blocking=True)
            logits = net(points)
            loss = criterion(logits.reshape(-1, 13), labels.reshape(-1))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            correct += (logits.argmax(-1) == labels).sum().item()
            total += labels.numel()
        print(f"epoch {epoch} loss {loss.item():.4f} acc {correct / total:.4f}")
        torch.save(net.state_dict(), "pointnet_s3dis.pth")


if __name__ == "__main__":
    main()
