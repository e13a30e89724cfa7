import argparse
import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader

from dataset import SpeechCommands
from model import KWSNet


def get_args():
    parser = argparse.ArgumentParser(description="keyword spotting training")
    parser.add_argument("--epochs", type=int, default=60)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--step-size", type=int, default=20)
    parser.add_argument("--output-dir", default="exp")
    parser.add_argument("--resume", default="")
    return parser.parse_args()


def main(args):
    device = torch.device("cuda")
    model = KWSNet(num_classes=12).to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    lr_scheduler = StepLR(optimizer, step_size=args.step_size, gamma=0.5)
    data_loader = DataLoader(SpeechCommands("train"), batch_size=64, shuffle=True, num_workers=4)

    start_epoch = 0
    if args.resume:
        checkpoint = torch.load(args.resume, map_location="cpu")
        model.load_state_dict(checkpoint["model"])
        optimizer.load_state_dict(checkpoint["optimizer"])
        lr_scheduler.load_state_dict(checkpoint["lr_scheduler"])
        start_epoch = checkpoint["epoch"] + 1

    for epoch in range(start_epoch, args.epochs):
        model.train()
        for feats, label in data_loader:
            feats, label = feats.to(device), label.to(device)
            loss = criterion(model(feats), label)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        lr_scheduler.step()
        checkpoint = {
            "model": model.state_dict(),
            "optimizer": optimizer.state_dict(),
            "lr_scheduler": lr_scheduler.state_dict(),
            "epoch": epoch,
            "args": args,
        }
        torch.save(checkpoint, os.path.join(args.output_dir, "checkpoint.pth"))


if __name__ == "__main__":
    main(get_args())
