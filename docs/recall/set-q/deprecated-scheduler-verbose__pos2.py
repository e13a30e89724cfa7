import yaml

import torch
from torch.optim.lr_scheduler import StepLR


def load_cfg(path):
    with open(path) as f:
        return yaml.safe_load(f)


def build_optim(net, cfg):
    opt_cfg = cfg["optim"]
    opt = torch.optim.SGD(
        net.parameters(), lr=opt_cfg["lr"], momentum=opt_cfg.get("momentum", 0.9),
        weight_decay=opt_cfg.get("wd", 0.0),
    )
    sched = StepLR(opt, step_size=opt_cfg["step"], gamma=opt_cfg.get("gamma", 0.1), verbose=False)
    return opt, sched


def main(net, loader, cfg_path="configs/base.yaml"):
    cfg = load_cfg(cfg_path)
    opt, sched = build_optim(net, cfg)
    for epoch in range(cfg["epochs"]):
        net.train()
        for batch in loader:
            loss = net.compute_loss(batch)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
