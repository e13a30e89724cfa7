from dataclasses import dataclass

import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


@dataclass
class Schedule:
    epochs: int = 300
    warmup_epochs: int = 10
    lr: float = 1e-3
    min_lr: float = 1e-5


def train_deit(net, loader, sch: Schedule, device="cuda"):
    net.to(device)
    opt = torch.optim.AdamW(net.parameters(), lr=sch.lr, weight_decay=0.05)
    ramp = LinearLR(opt, start_factor=1e-3, total_iters=sch.warmup_epochs)
    decay = CosineAnnealingLR(opt, T_max=max(1, sch.epochs - sch.warmup_epochs), eta_min=sch.min_lr)
    lr_sched = SequentialLR(opt, [ramp, decay], milestones=[sch.warmup_epochs])
    crit = nn.CrossEntropyLoss(label_smoothing=0.1)

    for epoch in range(sch.epochs):
        net.train()
        for imgs, labels in loader:
            imgs, labels = imgs.to(device, non_blocking=True), labels.to(device, non_blocking=True)
            loss = crit(net(imgs), labels)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        lr_sched.step()
        print(f"epoch {epoch} loss {loss.item():.4f} lr {lr_sched.get_last_lr()[0]:.2e}")
        torch.save({"net": net.state_dict(), "opt": opt.state_dict(),
                    "lr_sched": lr_sched.state_dict(), "epoch": epoch}, "deit_last.pth")
