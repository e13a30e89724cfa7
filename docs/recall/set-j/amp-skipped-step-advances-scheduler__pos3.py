import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LinearLR


def train_detector(net, loader, cfg, device="cuda"):
    params = [p for p in net.parameters() if p.requires_grad]
    optimizer = torch.optim.SGD(params, lr=cfg["lr"], momentum=0.9, weight_decay=cfg["wd"])
    accum = cfg["accum_steps"]
    updates_per_epoch = len(loader) // accum
    total_updates = cfg["epochs"] * updates_per_epoch
    lr_sched = LinearLR(optimizer, start_factor=1.0, end_factor=0.01, total_iters=total_updates)
    amp_scaler = torch.cuda.amp.GradScaler(enabled=cfg["fp16"])

    net.train()
    for ep in range(cfg["epochs"]):
        optimizer.zero_grad(set_to_none=True)
        for it, (images, targets) in enumerate(loader):
            images = images.to(device, non_blocking=True)
            targets = [{k: v.to(device) for k, v in t.items()} for t in targets]
            with torch.autocast("cuda", enabled=cfg["fp16"]):
                loss_dict = net(images, targets)
                loss = sum(loss_dict.values()) / accum
            amp_scaler.scale(loss).backward()

            if (it + 1) % accum != 0:
                continue
            amp_scaler.step(optimizer)
            amp_scaler.update()
            optimizer.zero_grad(set_to_none=True)
            lr_sched.step()

            if (it + 1) % (accum * cfg["log_every"]) == 0:
                print(f"[{ep}] it {it + 1}/{len(loader)} loss {loss.item() * accum:.4f}")
    return net
