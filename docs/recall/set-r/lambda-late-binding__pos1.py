import torch
from torch.optim.lr_scheduler import LambdaLR


def build_optimizer(model, base_lr=1e-3, decays=(0.97, 0.95, 0.90)):
    """Backbone, neck and head get their own exponential decay rates."""
    groups = [
        {"params": model.backbone.parameters()},
        {"params": model.neck.parameters()},
        {"params": model.head.parameters()},
    ]
    opt = torch.optim.Adam(groups, lr=base_lr)

    lr_lambdas = []
    for decay in decays:
        lr_lambdas.append(lambda epoch: decay ** epoch)
    sched = LambdaLR(opt, lr_lambda=lr_lambdas)
    return opt, sched


def train(model, loader, epochs=50, device="cuda"):
    opt, sched = build_optimizer(model)
    model.to(device).train()
    for epoch in range(epochs):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = model.loss(model(x), y)
            loss.backward()
            opt.step()
        sched.step()
        print(epoch, [f"{lr:.2e}" for lr in sched.get_last_lr()])
