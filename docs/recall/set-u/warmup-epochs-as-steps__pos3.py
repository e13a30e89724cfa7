import math

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LambdaLR

hp = {
    "epochs": 100,
    "lr": 5e-4,
    "warmup_iters": 1000,
    "min_ratio": 0.01,
}


def lr_curve(epoch):
    if epoch < hp["warmup_iters"]:
        return (epoch + 1) / hp["warmup_iters"]
    progress = min(1.0, (epoch - hp["warmup_iters"]) / max(1, hp["epochs"] - hp["warmup_iters"]))
    return hp["min_ratio"] + (1 - hp["min_ratio"]) * 0.5 * (1 + math.cos(math.pi * progress))


def train(net, loader, device="cuda"):
    net.to(device)
    opt = torch.optim.AdamW(net.parameters(), lr=hp["lr"], weight_decay=0.05)
    lr_sched = LambdaLR(opt, lr_lambda=lr_curve)
    for epoch in range(hp["epochs"]):
        net.train()
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = F.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr_sched.step()
        print(f"epoch {epoch}: lr {lr_sched.get_last_lr()[0]:.2e}")
    return net
