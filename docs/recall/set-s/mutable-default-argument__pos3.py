import torch


def param_groups_weight_decay(net, weight_decay=1e-5, skip=set()):
    for name, p in net.named_parameters():
        if p.ndim <= 1 or name.endswith(".bias"):
            skip.add(name)
    decay, no_decay = [], []
    for name, p in net.named_parameters():
        if not p.requires_grad:
            continue
        (no_decay if name in skip else decay).append(p)
    return [
        {"params": no_decay, "weight_decay": 0.0},
        {"params": decay, "weight_decay": weight_decay},
    ]


def create_optimizer(net, opt_name="adamw", lr=1e-3, weight_decay=0.05):
    groups = param_groups_weight_decay(net, weight_decay)
    if opt_name == "adamw":
        return torch.optim.AdamW(groups, lr=lr, betas=(0.9, 0.999))
    if opt_name == "sgd":
        return torch.optim.SGD(groups, lr=lr, momentum=0.9, nesterov=True)
    raise ValueError(f"unknown optimizer {opt_name}")
