import os

import torch
from torch.optim.lr_scheduler import MultiStepLR

from engine import train_one_epoch, evaluate
from models import build_detector


def save_checkpoint(path, model, optimizer, lr_scheduler, epoch):
    torch.save(
        {
            "model": model.state_dict(),
            "optimizer": optimizer.state_dict(),
            "lr_scheduler": lr_scheduler.state_dict(),
            "epoch": epoch,
        },
        path,
    )


def load_checkpoint(path, model, optimizer, lr_scheduler):
    ckpt = torch.load(path, map_location="cpu")
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    return ckpt["epoch"] + 1


def run(cfg, data_loader, val_loader):
    device = torch.device(cfg["device"])
    model = build_detector(cfg["num_classes"]).to(device)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.SGD(params, lr=cfg["lr"], momentum=0.9, weight_decay=1e-4)
    lr_scheduler = MultiStepLR(optimizer, milestones=cfg["lr_steps"], gamma=0.1)

    start_epoch = 0
    ckpt_path = os.path.join(cfg["output_dir"], "checkpoint.pth")
    if cfg.get("resume") and os.path.isfile(ckpt_path):
        start_epoch = load_checkpoint(ckpt_path, model, optimizer, lr_scheduler)

    for epoch in range(start_epoch, cfg["epochs"]):
        train_one_epoch(model, optimizer, data_loader, device, epoch)
        lr_scheduler.step()
        save_checkpoint(ckpt_path, model, optimizer, lr_scheduler, epoch)
        evaluate(model, val_loader, device)
