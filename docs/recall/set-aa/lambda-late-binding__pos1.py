import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LambdaLR


def build_optimizer(net, cfg):
    groups = [
        {"params": net.backbone.parameters(), "lr": cfg["lr"] * 0.1},
        {"params": net.neck.parameters(), "lr": cfg["lr"]},
        {"params": net.head.parameters(), "lr": cfg["lr"]},
    ]
    opt = torch.optim.SGD(groups, lr=cfg["lr"], momentum=0.9, weight_decay=1e-4)
    # slower decay for the pretrained backbone
    decays = cfg.get("group_decays", [0.98, 0.95, 0.95])
    lr_fns = [lambda ep: d ** ep for d in decays]
    sched = LambdaLR(opt, lr_lambda=lr_fns)
    return opt, sched


def train(net, loader, cfg, device="cuda"):
    net.to(device)
    opt, sched = build_optimizer(net, cfg)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(cfg["epochs"]):
        net.train()
        running = 0.0
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            opt.zero_grad()
            loss = criterion(net(images), labels)
            loss.backward()
            opt.step()
            running += loss.item()
        sched.step()
        lrs = ", ".join(f"{lr:.2e}" for lr in sched.get_last_lr())
        print(f"epoch {epoch} loss {running / len(loader):.4f} lrs [{lrs}]")
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(),
                    "sched": sched.state_dict()}, "finetune_last.pt")
