import torch
from torch.optim.lr_scheduler import LambdaLR


def build_optimizer(net, base_lr=1e-3, decays=(0.97, 0.95, 0.90)):
    groups = [
        {"params": net.backbone.parameters()},
        {"params": net.neck.parameters()},
        {"params": net.head.parameters()},
    ]
    opt = torch.optim.Adam(groups, lr=base_lr)
    lr_lambdas = [lambda epoch, d=d: d ** epoch for d in decays]
    return opt, LambdaLR(opt, lr_lambda=lr_lambdas)


def train(net, loader, epochs=50, device="cuda"):
    opt, sched = build_optimizer(net)
    net.to(device).train()
    for epoch in range(epochs):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = net.loss(net(x), y)
            loss.backward()
            opt.step()
        sched.step()
        print(epoch, sched.get_last_lr())
