from dataclasses import dataclass, field

import torch
from torch import nn


@dataclass
class OptimConfig:
    lr: float = 1e-3
    weight_decay: float = 0.05
    betas: tuple = (0.9, 0.999)
    skip_list: list = field(default_factory=list)


def param_groups_weight_decay(net: nn.Module, weight_decay=0.05, skip_names=("pos_embed", "cls_token")):
    skip = set(skip_names)
    if hasattr(net, "no_weight_decay"):
        skip |= set(net.no_weight_decay())
    decay, no_decay = [], []
    for name, param in net.named_parameters():
        if not param.requires_grad:
            continue
        if param.ndim <= 1 or name.endswith(".bias") or name in skip:
            no_decay.append(param)
        else:
            decay.append(param)
    return [{"params": no_decay, "weight_decay": 0.0}, {"params": decay, "weight_decay": weight_decay}]


def create_optimizer(net, cfg: OptimConfig):
    groups = param_groups_weight_decay(net, cfg.weight_decay, skip_names=tuple(cfg.skip_list))
    return torch.optim.AdamW(groups, lr=cfg.lr, betas=cfg.betas)
