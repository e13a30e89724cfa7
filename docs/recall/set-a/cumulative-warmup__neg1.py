import torch
from torch.cuda import amp


def train(model, dataloader, hyp, epochs, device="cuda"):
    opt = torch.optim.SGD(model.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    base_lrs = [pg["lr"] for pg in opt.param_groups]

    nb = len(dataloader)
    n_warm = max(round(hyp["warmup_epochs"] * nb), 100)
    scaler = amp.GradScaler(enabled=device != "cpu")
    for epoch in range(epochs):
        model.train()
        for i, (imgs, targets) in enumerate(dataloader):
            ni = i + nb * epoch
            imgs = imgs.to(device, non_blocking=True).float() / 255
            if ni < n_warm:
                f = (ni + 1) / n_warm
                for pg, base in zip(opt.param_groups, base_lrs):
                    pg["lr"] = base * f

            with amp.autocast(enabled=device != "cpu"):
                loss = model.compute_loss(model(imgs), targets.to(device))
            scaler.scale(loss).backward()
            scaler.step(opt)
            scaler.update()
            opt.zero_grad()
        print(f"{epoch}/{epochs - 1} lr {[round(x['lr'], 6) for x in opt.param_groups]}")
