from dataclasses import dataclass

import torch
from torch.optim import lr_scheduler


@dataclass
class OptimCfg:
    lr: float = 0.02
    momentum: float = 0.9
    weight_decay: float = 1e-4
    milestones: tuple = (16, 22)
    gamma: float = 0.1
    log_lr_changes: bool = False


def build_optimizer_and_scheduler(net, cfg: OptimCfg):
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.SGD(params, lr=cfg.lr, momentum=cfg.momentum, weight_decay=cfg.weight_decay)
    sched = lr_scheduler.MultiStepLR(
        opt,
        milestones=list(cfg.milestones),
        gamma=cfg.gamma,
        verbose=cfg.log_lr_changes,
    )
    return opt, sched


def train(net, loader, cfg: OptimCfg, epochs=24):
    opt, sched = build_optimizer_and_scheduler(net, cfg)
    for epoch in range(epochs):
        net.train()
        for images, targets in loader:
            images = [im.cuda() for im in images]
            targets = [{k: v.cuda() for k, v in t.items()} for t in targets]
            loss_dict = net(images, targets)
            losses = sum(loss for loss in loss_dict.values())
            opt.zero_grad()
            losses.backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch} loss {losses.item():.4f} lr {sched.get_last_lr()[0]:.4f}")
