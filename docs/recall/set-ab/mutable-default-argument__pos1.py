import torch
import torch.nn as nn


def param_groups_weight_decay(model: nn.Module, weight_decay=1e-5, skip_list=[]):
    skip_list.extend(["bias", "norm", "pos_embed", "cls_token"])
    decay, no_decay = [], []
    for name, param in model.named_parameters():
        if not param.requires_grad:
            continue
        if param.ndim <= 1 or any(key in name for key in skip_list):
            no_decay.append(param)
        else:
            decay.append(param)
    return [
        {"params": no_decay, "weight_decay": 0.0},
        {"params": decay, "weight_decay": weight_decay},
    ]


def create_optimizer(model, opt_name="adamw", lr=1e-3, weight_decay=0.05):
    groups = param_groups_weight_decay(model, weight_decay)
    if opt_name == "adamw":
        return torch.optim.AdamW(groups, lr=lr, betas=(0.9, 0.999))
    if opt_name == "sgd":
        return torch.optim.SGD(groups, lr=lr, momentum=0.9, nesterov=True)
    raise ValueError(f"unknown optimizer {opt_name}")
