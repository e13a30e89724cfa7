import torch


def param_groups(model, weight_decay=0.05, no_decay_keys=None):
    skip = list(no_decay_keys) if no_decay_keys is not None else ["bias", "norm"]
    skip.append("pos_embed")
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        (no_decay if p.ndim == 1 or any(k in name for k in skip) else decay).append(p)
    return [
        {"params": decay, "weight_decay": weight_decay},
        {"params": no_decay, "weight_decay": 0.0},
    ]


def build_optimizer(model, lr, weight_decay=0.05, betas=(0.9, 0.999), no_decay_keys=None):
    groups = param_groups(model, weight_decay, no_decay_keys)
    return torch.optim.AdamW(groups, lr=lr, betas=betas)
