import argparse
import os

import torch
from torch.optim.lr_scheduler import MultiStepLR

from engine import train_one_epoch, evaluate
from models import build_detector
from datasets import build_loaders


def parse_args():
    p = argparse.ArgumentParser(description="detector training")
    p.add_argument("--epochs", type=int, default=24)
    p.add_argument("--lr", type=float, default=0.02)
    p.add_argument("--resume", type=str, default="")
    p.add_argument("--output", type=str, default="work_dirs/det")
    return p.parse_args()


def main():
    args = parse_args()
    device = torch.device("cuda")
    detector = build_detector().to(device)
    params = [p for p in detector.parameters() if p.requires_grad]
    opt = torch.optim.SGD(params, lr=args.lr, momentum=0.9, weight_decay=1e-4)
    sched = MultiStepLR(opt, milestones=[16, 22], gamma=0.1)
    train_loader, val_loader = build_loaders(args)
    os.makedirs(args.output, exist_ok=True)

    first_epoch = 0
    if args.resume:
        state = torch.load(args.resume, map_location="cpu")
        detector.load_state_dict(state["model"])
        opt.load_state_dict(state["optimizer"])
        first_epoch = state["epoch"] + 1

    for epoch in range(first_epoch, args.epochs):
        train_one_epoch(detector, opt, train_loader, device, epoch)
        sched.step()
        evaluate(detector, val_loader, device)
        torch.save({
            "model": detector.state_dict(),
            "optimizer": opt.state_dict(),
            "lr_scheduler": sched.state_dict(),
            "epoch": epoch,
        }, os.path.join(args.output, "checkpoint.pth"))


if __name__ == "__main__":
    main()
