from dataclasses import dataclass, field

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


@dataclass
class Stage:
    name: str
    epochs: int
    lr: float
    freeze_backbone: bool


@dataclass
class Plan:
    stages: list = field(default_factory=lambda: [
        Stage("head", 5, 1e-3, True),
        Stage("full", 25, 1e-4, False),
    ])


def train_staged(net, loader, plan: Plan):
    """Fine-tune in stages; each stage gets a fresh optimizer and schedule."""
    net.cuda()
    crit = torch.nn.CrossEntropyLoss()
    for stage in plan.stages:
        for p in net.backbone.parameters():
            p.requires_grad = not stage.freeze_backbone
        params = [p for p in net.parameters() if p.requires_grad]
        opt = torch.optim.AdamW(params, lr=stage.lr, weight_decay=0.01)
        sched = CosineAnnealingLR(opt, T_max=stage.epochs)
        for epoch in range(stage.epochs):
            net.train()
            for x, y in loader:
                loss = crit(net(x.cuda()), y.cuda())
                opt.zero_grad()
                loss.backward()
                opt.step()
            sched.step()
            print(f"[{stage.name}] epoch {epoch} lr {sched.get_last_lr()[0]:.2e}")
    return net
