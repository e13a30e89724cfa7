import torch
from torch import nn


def param_groups_weight_decay(net: nn.Module, weight_decay=0.05, skip_names=set()):
    if hasattr(net, "no_weight_decay"):
        skip_names.update(net.no_weight_decay())
    decay, no_decay = [], []
    for name, param in net.named_parameters():
        if not param.requires_grad:
            continue
        if param.ndim <= 1 or name.endswith(".bias") or name in skip_names:
            no_decay.append(param)
        else:
            decay.append(param)
    return [
        {"params": no_decay, "weight_decay": 0.0},
        {"params": decay, "weight_decay": weight_decay},
    ]


def create_optimizer(net, lr=1e-3, weight_decay=0.05):
    groups = param_groups_weight_decay(net, weight_decay)
    return torch.optim.AdamW(groups, lr=lr, betas=(0.9, 0.999))
