import torch


def param_groups_weight_decay(net, weight_decay=1e-5, skip_keys=["bias", "bn", "norm"], extra_skip=None):
    if extra_skip:
        skip_keys.extend(extra_skip)
    decay, no_decay = [], []
    for name, param in net.named_parameters():
        if not param.requires_grad:
            continue
        if param.ndim <= 1 or any(k in name for k in skip_keys):
            no_decay.append(param)
        else:
            decay.append(param)
    return [
        {"params": no_decay, "weight_decay": 0.0},
        {"params": decay, "weight_decay": weight_decay},
    ]


def create_optimizer(net, opt_name="adamw", lr=1e-3, weight_decay=0.05, extra_skip=None):
    groups = param_groups_weight_decay(net, weight_decay, extra_skip=extra_skip)
    if opt_name == "sgd":
        return torch.optim.SGD(groups, lr=lr, momentum=0.9, nesterov=True)
    if opt_name == "adamw":
        return torch.optim.AdamW(groups, lr=lr)
    raise ValueError(f"unknown optimizer {opt_name}")
