import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR

STAGES = [
    {"name": "head", "unfreeze": ["classifier"], "epochs": 5, "lr": 1e-3},
    {"name": "top", "unfreeze": ["layer4", "classifier"], "epochs": 10, "lr": 3e-4},
    {"name": "full", "unfreeze": None, "epochs": 20, "lr": 1e-4},
]


def set_trainable(net, prefixes):
    for name, p in net.named_parameters():
        p.requires_grad = prefixes is None or any(name.startswith(pre) for pre in prefixes)


def finetune(net, train_loader, device="cuda"):
    net.to(device)
    for stage in STAGES:
        set_trainable(net, stage["unfreeze"])
        params = [p for p in net.parameters() if p.requires_grad]
        stage_opt = torch.optim.AdamW(params, lr=stage["lr"], weight_decay=1e-4)
        stage_sched = CosineAnnealingLR(stage_opt, T_max=stage["epochs"])
        for epoch in range(stage["epochs"]):
            net.train()
            for x, y in train_loader:
                x, y = x.to(device), y.to(device)
                loss = F.cross_entropy(net(x), y)
                stage_opt.zero_grad()
                loss.backward()
                stage_opt.step()
            stage_sched.step()
            print(f"[{stage['name']}] epoch {epoch} loss {loss.item():.4f} "
                  f"lr {stage_sched.get_last_lr()[0]:.2e}")
    return net
