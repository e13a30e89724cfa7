import json

import torch
from torch.optim.lr_scheduler import MultiStepLR


def log_metrics(path, record):
    with open(path, "a") as fh:
        fh.write(json.dumps(record) + "\n")


def train(net, loader, cfg):
    param_groups = [
        {"params": net.backbone.parameters(), "lr": cfg["lr"] * 0.1},
        {"params": net.neck.parameters()},
        {"params": net.head.parameters()},
    ]
    opt = torch.optim.SGD(param_groups, lr=cfg["lr"], momentum=0.9, weight_decay=cfg["wd"])
    lr_sched = MultiStepLR(opt, milestones=cfg["milestones"], gamma=0.1)
    for epoch in range(cfg["epochs"]):
        net.train()
        total = 0.0
        for images, targets in loader:
            losses = net(images, targets)
            loss = sum(losses.values())
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        lr_sched.step()
        record = {"epoch": epoch, "loss": total / max(1, len(loader))}
        for i, v in enumerate(lr_sched.get_lr()):
            record[f"lr/group{i}"] = v
        log_metrics(cfg["log_file"], record)
