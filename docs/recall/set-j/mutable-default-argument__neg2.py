import torch
import torch.nn as nn


def param_groups_weight_decay(model: nn.Module, weight_decay=1e-5, no_weight_decay_list=()):
    skip = set(no_weight_decay_list)
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


def create_optimizer(model, args):
    groups = param_groups_weight_decay(model, weight_decay=args.weight_decay)
    if args.opt == "adamw":
        return torch.optim.AdamW(groups, lr=args.lr, betas=(0.9, 0.999))
    if args.opt == "sgd":
        return torch.optim.SGD(groups, lr=args.lr, momentum=args.momentum, nesterov=True)
    raise ValueError(f"unknown optimizer {args.opt}")
