import json

import torch
from torch.optim.lr_scheduler import MultiStepLR


def run(net, loader, hp):
    opt = torch.optim.SGD(
        [{"params": net.backbone.parameters(), "lr": hp["lr"] * 0.1},
         {"params": net.head.parameters()}],
        lr=hp["lr"], momentum=0.9,
    )
    lr_sched = MultiStepLR(opt, milestones=hp["milestones"], gamma=hp["gamma"])
    history = []
    for ep in range(hp["epochs"]):
        net.train()
        ep_loss = 0.0
        for feats, target in loader:
            loss = net.loss(feats, target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            ep_loss += loss.item()
        lr_sched.step()
        lrs = lr_sched.get_lr()
        history.append({"epoch": ep, "loss": ep_loss / len(loader), "lr_backbone": lrs[0], "lr_head": lrs[1]})
    with open(hp["log_file"], "w") as f:
        json.dump(history, f, indent=2)
    return history
