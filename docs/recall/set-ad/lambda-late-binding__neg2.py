import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiplicativeLR

cfg = {
    "lr": 1e-3,
    "epochs": 40,
    "head_decay": {"cls": 0.97, "box": 0.95, "mask": 0.9},
}


def constant_factor(value):
    def factor(epoch):
        return value
    return factor


def build_optim(trunk: nn.Module, heads: nn.ModuleDict):
    groups = [{"params": trunk.parameters(), "lr": cfg["lr"] * 0.1}]
    rates = [constant_factor(0.99)]
    for name, head in heads.items():
        groups.append({"params": head.parameters(), "lr": cfg["lr"]})
        rates.append(constant_factor(cfg["head_decay"][name]))
    optim = torch.optim.AdamW(groups, weight_decay=0.05)
    return optim, MultiplicativeLR(optim, lr_lambda=rates)


def fit(trunk, heads, loader):
    trunk.cuda()
    heads.cuda()
    optim, mult = build_optim(trunk, heads)
    for epoch in range(cfg["epochs"]):
        trunk.train()
        heads.train()
        for images, targets in loader:
            feats = trunk(images.cuda())
            losses = {k: heads[k](feats, targets[k].cuda()) for k in heads.keys()}
            total = sum(losses.values())
            optim.zero_grad()
            total.backward()
            optim.step()
        mult.step()
        print(epoch, {k: round(v.item(), 4) for k, v in losses.items()}, mult.get_last_lr())
    return trunk, heads
