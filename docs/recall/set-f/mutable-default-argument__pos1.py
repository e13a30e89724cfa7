import torch


def build_param_groups(net, weight_decay, skip_list=[]):
    skip_list.extend(["bias", "bn", "norm"])
    decay, no_decay = [], []
    for name, param in net.named_parameters():
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


def build_optimizer(net, cfg):
    groups = build_param_groups(net, cfg.weight_decay)
    return torch.optim.AdamW(groups, lr=cfg.lr, betas=(0.9, 0.999))
