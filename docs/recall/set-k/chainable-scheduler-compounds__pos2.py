import torch
from torch.optim.lr_scheduler import StepLR


class LayerwiseStepLR(StepLR):
    def __init__(self, optimizer, step_size, gamma=0.1, group_mults=None, last_epoch=-1):
        n = len(optimizer.param_groups)
        self.group_mults = list(group_mults) if group_mults is not None else [1.0] * n
        if len(self.group_mults) != n:
            raise ValueError(f"expected {n} multipliers, got {len(self.group_mults)}")
        super().__init__(optimizer, step_size=step_size, gamma=gamma, last_epoch=last_epoch)

    def get_lr(self):
        lrs = super().get_lr()
        return [lr * m for lr, m in zip(lrs, self.group_mults)]


def build(net, cfg):
    groups = [
        {"params": net.backbone.parameters()},
        {"params": net.neck.parameters()},
        {"params": net.head.parameters()},
    ]
    opt = torch.optim.SGD(groups, lr=cfg["lr"], momentum=0.9, weight_decay=cfg["wd"])
    lr_sched = LayerwiseStepLR(opt, step_size=cfg["step"], gamma=0.1, group_mults=(0.1, 0.5, 1.0))
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
