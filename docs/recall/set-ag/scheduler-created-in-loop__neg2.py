import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR
from torch.utils.data import DataLoader

STAGES = [
    {"name": "head", "epochs": 5, "lr": 1e-3, "train_backbone": False},
    {"name": "full", "epochs": 25, "lr": 1e-4, "train_backbone": True},
]


def run_stages(net, train_set, device="cuda"):
    loader = DataLoader(train_set, batch_size=64, shuffle=True, num_workers=8)
    net.to(device)
    for stage in STAGES:
        for p in net.backbone.parameters():
            p.requires_grad = stage["train_backbone"]
        params = [p for p in net.parameters() if p.requires_grad]
        opt = torch.optim.AdamW(params, lr=stage["lr"], weight_decay=0.01)
        # each stage gets its own optimizer, and a schedule that spans the whole stage
        stage_sched = CosineAnnealingLR(opt, T_max=stage["epochs"] * len(loader))
        for epoch in range(stage["epochs"]):
            net.train()
            for x, y in loader:
                x, y = x.to(device), y.to(device)
                loss = F.cross_entropy(net(x), y)
                opt.zero_grad()
                loss.backward()
                opt.step()
                stage_sched.step()
            print(f"[{stage['name']}] epoch {epoch} loss {loss.item():.4f}")
    return net
