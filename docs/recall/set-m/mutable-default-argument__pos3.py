import torch
from torch.optim.lr_scheduler import MultiStepLR


def build_scheduler(opt, epochs, milestones=[], gamma=0.1):
    if not milestones:
        milestones.extend([int(epochs * 0.6), int(epochs * 0.85)])
    return MultiStepLR(opt, milestones=milestones, gamma=gamma)


def build_stage(net, stage_cfg):
    opt = torch.optim.SGD(net.parameters(), lr=stage_cfg["lr"], momentum=0.9,
                          weight_decay=stage_cfg.get("wd", 1e-4))
    sched = build_scheduler(opt, stage_cfg["epochs"])
    return opt, sched


def train_stages(net, loader, stages, device="cuda"):
    net.to(device)
    for stage_cfg in stages:
        opt, sched = build_stage(net, stage_cfg)
        for epoch in range(stage_cfg["epochs"]):
            net.train()
            for x, y in loader:
                x, y = x.to(device), y.to(device)
                opt.zero_grad()
                loss = torch.nn.functional.cross_entropy(net(x), y)
                loss.backward()
                opt.step()
            sched.step()
    return net
