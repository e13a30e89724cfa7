import torch


def param_groups_weight_decay(net, weight_decay=0.05, skip=set()):
    if hasattr(net, "no_weight_decay"):
        skip.update(net.no_weight_decay())
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


def create_optimizer(net, opt_name="adamw", lr=1e-3, weight_decay=0.05, momentum=0.9):
    groups = param_groups_weight_decay(net, weight_decay)
    name = opt_name.lower()
    if name == "adamw":
        return torch.optim.AdamW(groups, lr=lr, betas=(0.9, 0.999))
    if name == "sgd":
        return torch.optim.SGD(groups, lr=lr, momentum=momentum, nesterov=True)
    raise ValueError(f"unknown optimizer {opt_name}")
