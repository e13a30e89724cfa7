import torch
from torch.optim.lr_scheduler import LambdaLR


def build_optimizer(net, cfg):
    backbone = [p for n, p in net.named_parameters() if n.startswith("encoder.")]
    head = [p for n, p in net.named_parameters() if not n.startswith("encoder.")]
    return torch.optim.SGD([
        {"params": backbone, "lr": cfg.lr * 0.1},
        {"params": head, "lr": cfg.lr},
    ], lr=cfg.lr, momentum=0.9)


def build_scheduler(opt, cfg):
    lr_lambdas = []
    for rate in (cfg.backbone_decay, cfg.head_decay):
        lr_lambdas.append(lambda epoch, r=rate: r ** epoch)
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
        print(f"epoch {epoch}: lrs {sched.get_last_lr()}")
    return net
