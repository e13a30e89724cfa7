import torch
from torch.optim.lr_scheduler import LambdaLR

GROUPS = [
    {"prefix": "backbone.", "lr": 1e-4, "decay": 0.90},
    {"prefix": "neck.", "lr": 5e-4, "decay": 0.95},
    {"prefix": "head.", "lr": 1e-3, "decay": 0.98},
]


def build_optimizer(model):
    param_groups = []
    for spec in GROUPS:
        params = [p for n, p in model.named_parameters() if n.startswith(spec["prefix"])]
        param_groups.append({"params": params, "lr": spec["lr"]})
    return torch.optim.AdamW(param_groups, weight_decay=0.01)


def build_scheduler(opt):
    lambdas = []
    for spec in GROUPS:
        rate = spec["decay"]
        lambdas.append(lambda epoch: rate ** epoch)
    return LambdaLR(opt, lr_lambda=lambdas)


def train(model, loader, epochs):
    opt = build_optimizer(model)
    sched = build_scheduler(opt)
    for epoch in range(epochs):
        model.train()
        for imgs, masks in loader:
            loss = model(imgs.cuda(), masks.cuda())["loss"]
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        lrs = ", ".join(f"{lr:.2e}" for lr in sched.get_last_lr())
        print(f"epoch {epoch}: loss {loss.item():.4f} lrs [{lrs}]")
