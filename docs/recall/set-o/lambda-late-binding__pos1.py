import torch
from torch.optim.lr_scheduler import LambdaLR


def param_groups(net, base_lr):
    return [
        {"params": net.backbone.parameters(), "lr": base_lr * 0.1},
        {"params": net.neck.parameters(), "lr": base_lr},
        {"params": net.head.parameters(), "lr": base_lr},
    ]


def make_optimizer(net, cfg):
    opt = torch.optim.SGD(param_groups(net, cfg["lr"]), lr=cfg["lr"], momentum=0.9,
                          weight_decay=cfg["wd"])
    # backbone decays slowly, neck and head faster
    decays = cfg.get("group_decay", [0.98, 0.95, 0.95])
    lr_sched = LambdaLR(opt, lr_lambda=[lambda ep: d ** ep for d in decays])
    return opt, lr_sched


def train(net, loader, cfg):
    net.cuda()
    opt, lr_sched = make_optimizer(net, cfg)
    for epoch in range(cfg["epochs"]):
        net.train()
        for imgs, targets in loader:
            out = net(imgs.cuda())
            loss = net.loss(out, [t.cuda() for t in targets])
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr_sched.step()
        lrs = ", ".join(f"{lr:.2e}" for lr in lr_sched.get_last_lr())
        print(f"epoch {epoch} loss {loss.item():.4f} lrs [{lrs}]")
