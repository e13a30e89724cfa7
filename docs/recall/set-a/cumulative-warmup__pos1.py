import math

import torch
from torch.cuda import amp


def train(model, dataloader, hyp, epochs, device="cuda"):
    g_bn, g_w = [], []
    for name, p in model.named_parameters():
        (g_bn if p.ndim <= 1 else g_w).append(p)
    opt = torch.optim.SGD(g_bn, lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    opt.add_param_group({"params": g_w, "weight_decay": hyp["weight_decay"]})

    nb = len(dataloader)
    n_warm = max(round(hyp["warmup_epochs"] * nb), 100)
    scaler = amp.GradScaler(enabled=device != "cpu")
    for epoch in range(epochs):
        model.train()
        mloss = 0.0
        for i, (imgs, targets) in enumerate(dataloader):
            ni = i + nb * epoch
            imgs = imgs.to(device, non_blocking=True).float() / 255
            if ni < n_warm:
                f = (ni + 1) / n_warm
                for pg in opt.param_groups:
                    pg["lr"] = pg["lr"] * f

            with amp.autocast(enabled=device != "cpu"):
                loss = model.compute_loss(model(imgs), targets.to(device))
            scaler.scale(loss).backward()
            scaler.step(opt)
            scaler.update()
            opt.zero_grad()
            mloss = (mloss * i + loss.item()) / (i + 1)
        if not math.isfinite(mloss):
            raise RuntimeError(f"loss diverged at epoch {epoch}")
        print(f"{epoch}/{epochs - 1} mloss {mloss:.4f} lr {[round(x['lr'], 6) for x in opt.param_groups]}")
