import torch
from torch.optim.lr_scheduler import LambdaLR


class LayerwiseLambdaLR(LambdaLR):
    """LambdaLR whose per-group output is scaled by a fixed layer-wise multiplier."""

    def __init__(self, optimizer, lr_lambda, group_mults, last_epoch=-1):
        self.group_mults = list(group_mults)
        if len(self.group_mults) != len(optimizer.param_groups):
            raise ValueError("one multiplier per param group is required")
        super().__init__(optimizer, lr_lambda, last_epoch)

    def get_lr(self):
        return [lr * m for lr, m in zip(super().get_lr(), self.group_mults)]


def build(net, cfg):
    groups = [
        {"params": net.backbone.parameters()},
        {"params": net.neck.parameters()},
        {"params": net.head.parameters()},
    ]
    opt = torch.optim.SGD(groups, lr=cfg["lr"], momentum=0.9, weight_decay=cfg["wd"])
    step = cfg["step"]
    lr_sched = LayerwiseLambdaLR(opt, lambda ep: 0.1 ** (ep // step), group_mults=(0.1, 0.5, 1.0))
    return opt, lr_sched


def train(net, loader, cfg):
    opt, lr_sched = build(net, cfg)
    for ep in range(cfg["epochs"]):
        net.train()
        for imgs, targets in loader:
            loss = net(imgs.cuda(), targets.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        lr_sched.step()
        print(ep, [round(lr, 6) for lr in lr_sched.get_last_lr()])
