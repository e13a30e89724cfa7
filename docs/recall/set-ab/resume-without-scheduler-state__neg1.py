import os

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR

from engine import train_one_epoch
from presets import make_train_loader
from models import build_model


def save_on_master(obj, path, rank):
    if rank == 0:
        torch.save(obj, path)


def main(args):
    device = torch.device(args.device)
    model = build_model(args.arch, num_classes=args.num_classes).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.wd)
    lr_scheduler = StepLR(optimizer, step_size=args.lr_step_size, gamma=args.lr_gamma)
    criterion = nn.CrossEntropyLoss(label_smoothing=args.label_smoothing)
    data_loader = make_train_loader(args)

    if args.resume:
        checkpoint = torch.load(args.resume, map_location="cpu")
        model.load_state_dict(checkpoint["model"])
        optimizer.load_state_dict(checkpoint["optimizer"])
        lr_scheduler.load_state_dict(checkpoint["lr_scheduler"])
        args.start_epoch = checkpoint["epoch"] + 1

    for epoch in range(args.start_epoch, args.epochs):
        train_one_epoch(model, criterion, optimizer, data_loader, device, epoch)
        lr_scheduler.step()
        checkpoint = {
            "model": model.state_dict(),
            "optimizer": optimizer.state_dict(),
            "lr_scheduler": lr_scheduler.state_dict(),
            "epoch": epoch,
            "args": args,
        }
        save_on_master(checkpoint, os.path.join(args.output_dir, f"model_{epoch}.pth"), args.rank)
        save_on_master(checkpoint, os.path.join(args.output_dir, "checkpoint.pth"), args.rank)
