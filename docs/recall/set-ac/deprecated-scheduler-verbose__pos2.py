import yaml

import torch
from torch.optim import lr_scheduler


def load_cfg(path):
    with open(path) as f:
        return yaml.safe_load(f)


def build(model, cfg):
    opt_cfg, sch_cfg = cfg["optimizer"], cfg["scheduler"]
    optimizer = torch.optim.SGD(model.parameters(), lr=opt_cfg["lr"], momentum=opt_cfg.get("momentum", 0.9))
    scheduler = lr_scheduler.StepLR(
        optimizer,
        step_size=sch_cfg["step_size"],
        gamma=sch_cfg.get("gamma", 0.1),
        verbose=False,
    )
    return optimizer, scheduler


def main(model, loader, cfg_path):
    cfg = load_cfg(cfg_path)
    optimizer, scheduler = build(model, cfg)
    loss_fn = torch.nn.CrossEntropyLoss()
    for epoch in range(cfg["epochs"]):
        model.train()
        for batch, labels in loader:
            optimizer.zero_grad()
            loss_fn(model(batch), labels).backward()
            optimizer.step()
        scheduler.step()
