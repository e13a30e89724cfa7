import argparse

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader

from data import LeafDiseaseDataset
from models import build_efficientnet


def get_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default="data/train.csv")
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--batch-size", type=int, default=48)
    ap.add_argument("--max-lr", type=float, default=2e-3)
    return ap.parse_args()


def main():
    args = get_args()
    train_ds = LeafDiseaseDataset(args.csv, train=True)
    train_loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True, num_workers=8)
    net = build_efficientnet("b3", num_classes=5).cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=args.max_lr / 25, weight_decay=1e-4)
    sched = OneCycleLR(opt, max_lr=args.max_lr, epochs=args.epochs,
                       steps_per_epoch=len(train_loader), pct_start=0.2)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        net.train()
        running = 0.0
        for imgs, labels in train_loader:
            imgs, labels = imgs.cuda(), labels.cuda()
            loss = criterion(net(imgs), labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            running += loss.item()
        print(f"epoch {epoch} loss {running / len(train_loader):.4f}")
    torch.save(net.state_dict(), "effnet_b3.pth")


if __name__ == "__main__":
    main()
