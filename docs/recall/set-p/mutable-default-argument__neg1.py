import torch
import torch.nn as nn


def param_groups_weight_decay(model: nn.Module, weight_decay=0.05, skip=None):
    skip = set(skip or ())
    if hasattr(model, "no_weight_decay"):
        skip.update(model.no_weight_decay())
    decay, no_decay = [], []
    for name, param in model.named_parameters():
        if not param.requires_grad:
            continue
        if param.ndim <= 1 or name.endswith(".bias") or name in skip:
            no_decay.append(param)
        else:
            decay.append(param)
    return [
        {"params": no_decay, "weight_decay": 0.0},
        {"params": decay, "weight_decay": weight_decay},
    ]


def create_optimizer(model, lr=1e-3, weight_decay=0.05, betas=(0.9, 0.999)):
    groups = param_groups_weight_decay(model, weight_decay)
    return torch.optim.AdamW(groups, lr=lr, betas=betas)
