import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR


def fit(net, loader, n_epochs, peak_lr, device="cuda"):
    net.to(device)
    opt = torch.optim.Adam(net.parameters(), lr=peak_lr)
    sched = OneCycleLR(opt, max_lr=peak_lr, total_steps=n_epochs * len(loader))
    scaler = torch.cuda.amp.GradScaler()
    loss_fn = nn.SmoothL1Loss()

    for epoch in range(n_epochs):
        net.train()
        for batch, target in loader:
            batch, target = batch.to(device), target.to(device)
            opt.zero_grad(set_to_none=True)
            with torch.autocast(device_type="cuda", dtype=torch.float16):
                loss = loss_fn(net(batch), target)
            scaler.scale(loss).backward()
            scaler.step(opt)
            scale_before = scaler.get_scale()
            scaler.update()
            if scaler.get_scale() >= scale_before:
                sched.step()
        print(f"epoch {epoch} lr {sched.get_last_lr()[0]:.3e}")
