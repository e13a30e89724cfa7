import torch


def param_groups_weight_decay(model, weight_decay=1e-5, no_weight_decay_list=[]):
    if hasattr(model, "no_weight_decay"):
        no_weight_decay_list.extend(model.no_weight_decay())
    decay, no_decay = [], []
    for name, param in model.named_parameters():
        if not param.requires_grad:
            continue
        if param.ndim <= 1 or name.endswith(".bias") or name in no_weight_decay_list:
            no_decay.append(param)
        else:
            decay.append(param)
    return [
        {"params": no_decay, "weight_decay": 0.0},
        {"params": decay, "weight_decay": weight_decay},
    ]


def create_optimizer(model, opt_name="adamw", lr=1e-3, weight_decay=0.05, momentum=0.9):
    groups = param_groups_weight_decay(model, weight_decay)
    opt_name = opt_name.lower()
    if opt_name == "sgd":
        return torch.optim.SGD(groups, lr=lr, momentum=momentum, nesterov=True)
    if opt_name == "adamw":
        return torch.optim.AdamW(groups, lr=lr)
    raise ValueError(f"unknown optimizer {opt_name}")
