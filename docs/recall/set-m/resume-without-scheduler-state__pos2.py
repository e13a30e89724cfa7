import argparse

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.data import DataLoader

from data import SegDataset
from models import build_backbone


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--epochs", type=int, default=120)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--bs", type=int, default=16)
    p.add_argument("--resume", default="")
    p.add_argument("--ckpt", default="last.pt")
    return p.parse_args()


def main():
    args = parse_args()
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = build_backbone(num_classes=21).to(dev)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
    sched = MultiStepLR(opt, milestones=[80, 100], gamma=0.1)
    loader = DataLoader(SegDataset(args.data, split="train"), batch_size=args.bs,
                        shuffle=True, num_workers=8, drop_last=True)

    first_epoch = 0
    if args.resume:
        state = torch.load(args.resume, map_location=dev)
        net.load_state_dict(state["net"])
        opt.load_state_dict(state["opt"])
        first_epoch = state["epoch"] + 1

    for epoch in range(first_epoch, args.epochs):
        net.train()
        for img, mask in loader:
            img, mask = img.to(dev), mask.to(dev)
            opt.zero_grad()
            loss = F.cross_entropy(net(img), mask, ignore_index=255)
            loss.backward()
            opt.step()
        sched.step()
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(),
                    "sched": sched.state_dict(), "epoch": epoch}, args.ckpt)


if __name__ == "__main__":
    main()
