import torch
from torch.optim.lr_scheduler import LambdaLR


def build_optimizer(net, cfg):
    backbone = [p for n, p in net.named_parameters() if n.startswith("backbone.")]
    head = [p for n, p in net.named_parameters() if not n.startswith("backbone.")]
    param_groups = [
        {"params": backbone, "lr": cfg.lr * cfg.backbone_lr_mult},
        {"params": head, "lr": cfg.lr},
    ]
    return torch.optim.SGD(param_groups, lr=cfg.lr, momentum=0.9, weight_decay=1e-4)


def build_scheduler(opt, cfg):
    decay_rates = [cfg.backbone_decay, cfg.head_decay]
    lr_lambdas = []
    for rate in decay_rates:
        lr_lambdas.append(lambda epoch: rate ** epoch)
    return LambdaLR(opt, lr_lambda=lr_lambdas)


def train(net, loader, cfg):
    opt = build_optimizer(net, cfg)
    sched = build_scheduler(opt, cfg)
    criterion = torch.nn.CrossEntropyLoss()
    for epoch in range(cfg.epochs):
        net.train()
        for x, y in loader:
            opt.zero_grad()
            loss = criterion(net(x.cuda()), y.cuda())
            loss.backward()
            opt.step()
        sched.step()
        lrs = ", ".join(f"{lr:.2e}" for lr in sched.get_last_lr())
        print(f"epoch {epoch}: loss {loss.item():.4f} lrs [{lrs}]")
    return net
