import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LambdaLR


def build_optimizer(net, cfg):
    groups = [
        {"params": net.backbone.parameters(), "lr": cfg["lr"] * 0.1},
        {"params": net.head.parameters(), "lr": cfg["lr"]},
    ]
    opt = torch.optim.SGD(groups, lr=cfg["lr"], momentum=0.9, weight_decay=1e-4)
    decays = cfg.get("group_decays", [0.98, 0.95])
    lr_fns = [lambda ep, d=d: d ** ep for d in decays]
    sched = LambdaLR(opt, lr_lambda=lr_fns)
    return opt, sched


def train(net, loader, cfg, device="cuda"):
    net.to(device)
    opt, sched = build_optimizer(net, cfg)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(cfg["epochs"]):
        net.train()
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            opt.zero_grad()
            loss = criterion(net(images), labels)
            loss.backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch} lrs {sched.get_last_lr()}")
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(),
                    "sched": sched.state_dict()}, "finetune_last.pt")
