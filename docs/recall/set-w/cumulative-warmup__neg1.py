import torch
from torch import nn


def train(model: nn.Module, loader, hyp: dict, epochs: int, device="cuda"):
    model.to(device)
    opt = torch.optim.SGD(model.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"],
                          nesterov=True, weight_decay=hyp["weight_decay"])
    for pg in opt.param_groups:
        pg.setdefault("initial_lr", pg["lr"])
    nb = len(loader)
    nw = max(round(hyp["warmup_epochs"] * nb), 100)  # number of warm-up iterations
    compute_loss = nn.BCEWithLogitsLoss()

    for epoch in range(epochs):
        model.train()
        mloss = 0.0
        for i, (imgs, targets) in enumerate(loader):
            ni = i + nb * epoch
            if ni < nw:
                warm_f = (ni + 1) / nw
                for pg in opt.param_groups:
                    pg["lr"] = pg["initial_lr"] * warm_f
            imgs = imgs.to(device, non_blocking=True).float() / 255
            targets = targets.to(device)

            opt.zero_grad()
            loss = compute_loss(model(imgs), targets)
            loss.backward()
            opt.step()

            mloss = (mloss * i + loss.item()) / (i + 1)
        print(f"{epoch}/{epochs - 1} loss={mloss:.4f} lr={opt.param_groups[0]['lr']:.5f}")
    return model
