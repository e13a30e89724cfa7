import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import ReduceLROnPlateau


def fit(net, loader, hp):
    opt = torch.optim.AdamW(net.parameters(), lr=hp["lr"], weight_decay=hp["wd"])
    lr_sched = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=hp["patience"], min_lr=1e-6)
    for epoch in range(hp["epochs"]):
        net.train()
        running = 0.0
        for i, (coords, energy) in enumerate(loader):
            pred = net(coords)
            loss = F.smooth_l1_loss(pred, energy)
            opt.zero_grad()
            loss.backward()
            opt.step()
            running += loss.item()
            lr_sched.step(running / (i + 1))
        print(f"epoch {epoch} train loss {running / max(1, len(loader)):.5f} "
              f"lr {opt.param_groups[0]['lr']:.2e}")
    return net
