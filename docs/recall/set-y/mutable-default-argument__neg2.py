from dataclasses import dataclass, field

import torch


@dataclass
class OptimConfig:
    name: str = "adamw"
    lr: float = 1e-3
    weight_decay: float = 0.05
    betas: tuple = (0.9, 0.999)
    skip_names: list = field(default_factory=lambda: ["pos_embed", "cls_token"])


def param_groups_weight_decay(net, weight_decay=0.05, skip=()):
    skip = set(skip)
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
    return [
        {"params": no_decay, "weight_decay": 0.0},
        {"params": decay, "weight_decay": weight_decay},
    ]


def create_optimizer(net, cfg=None):
    cfg = cfg or OptimConfig()
    groups = param_groups_weight_decay(net, cfg.weight_decay, skip=cfg.skip_names)
    if cfg.name == "adamw":
        return torch.optim.AdamW(groups, lr=cfg.lr, betas=cfg.betas)
    if cfg.name == "sgd":
        return torch.optim.SGD(groups, lr=cfg.lr, momentum=0.9, nesterov=True)
    raise ValueError(f"unknown optimizer {cfg.name}")
