import torch
from torch.optim.lr_scheduler import LambdaLR

GROUPS = (
    ("backbone.", 1e-4, 0.90),
    ("neck.", 5e-4, 0.95),
    ("head.", 1e-3, 0.98),
)


def build(model):
    groups, lambdas = [], []
    for prefix, lr, rate in GROUPS:
        params = [p for n, p in model.named_parameters() if n.startswith(prefix)]
        groups.append({"params": params, "lr": lr})
        lambdas.append(lambda epoch, r=rate: r ** epoch)
    opt = torch.optim.AdamW(groups, weight_decay=0.01)
    return opt, LambdaLR(opt, lr_lambda=lambdas)


def train(model, loader, epochs):
    opt, sched = build(model)
    for epoch in range(epochs):
        model.train()
        for imgs, masks in loader:
            loss = model(imgs.cuda(), masks.cuda())["loss"]
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch}: lrs {sched.get_last_lr()}")
