import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class LayerwiseCosineLR(CosineAnnealingLR):
    """Cosine annealing with a fixed per-group multiplier (e.g. lower LR for the backbone)."""

    def __init__(self, optimizer, T_max, group_mults, eta_min=0.0, last_epoch=-1):
        if len(group_mults) != len(optimizer.param_groups):
            raise ValueError("need one multiplier per param group")
        self.group_mults = list(group_mults)
        super().__init__(optimizer, T_max=T_max, eta_min=eta_min, last_epoch=last_epoch)

    def get_lr(self):
        cosine_lrs = super().get_lr()
        return [lr * m for lr, m in zip(cosine_lrs, self.group_mults)]


class Trainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        groups = [
            {"params": net.backbone.parameters()},
            {"params": net.head.parameters()},
        ]
        self.opt = torch.optim.AdamW(groups, lr=cfg.lr, weight_decay=cfg.wd)
        self.sched = LayerwiseCosineLR(self.opt, T_max=cfg.epochs, group_mults=(0.1, 1.0))

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.net.train()
            for x, y in self.loader:
                loss = torch.nn.functional.cross_entropy(self.net(x), y)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            self.sched.step()
