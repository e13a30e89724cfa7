import torch
from torch.optim.lr_scheduler import MultiStepLR


def build_scheduler(opt, epochs, milestones=None, gamma=0.1):
    if milestones is None:
        milestones = [int(epochs * 0.6), int(epochs * 0.85)]
    else:
        milestones = sorted(milestones)
    return MultiStepLR(opt, milestones=milestones, gamma=gamma)


def param_groups(model, weight_decay=1e-5, skip=None):
    skip = set(skip or ())
    if hasattr(model, "no_weight_decay"):
        skip |= set(model.no_weight_decay())
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        (no_decay if p.ndim <= 1 or name in skip else decay).append(p)
    return [{"params": no_decay, "weight_decay": 0.0},
            {"params": decay, "weight_decay": weight_decay}]


def build_stage(net, stage_cfg):
    opt = torch.optim.SGD(param_groups(net, stage_cfg.get("wd", 1e-4)),
                          lr=stage_cfg["lr"], momentum=0.9)
    return opt, build_scheduler(opt, stage_cfg["epochs"], stage_cfg.get("milestones"))
