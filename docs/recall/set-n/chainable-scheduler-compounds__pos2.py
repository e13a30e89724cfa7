import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class GroupScaledCosineLR(CosineAnnealingLR):
    """Cosine annealing where each param group can carry an ``lr_mult``
    (e.g. a smaller rate for the pretrained backbone)."""

    def get_lr(self):
        lrs = super().get_lr()
        return [lr * group.get("lr_mult", 1.0)
                for lr, group in zip(lrs, self.optimizer.param_groups)]


def build(net, cfg):
    groups = [
        {"params": net.backbone.parameters(), "lr_mult": cfg.backbone_mult},
        {"params": net.decoder.parameters(), "lr_mult": 1.0},
    ]
    opt = torch.optim.AdamW(groups, lr=cfg.lr, weight_decay=cfg.wd)
    sched = GroupScaledCosineLR(opt, T_max=cfg.epochs, eta_min=cfg.lr * 1e-3)
    return opt, sched


def fit(net, loader, cfg):
    opt, sched = build(net, cfg)
    for epoch in range(cfg.epochs):
        net.train()
        for img, mask in loader:
            loss = torch.nn.functional.binary_cross_entropy_with_logits(net(img), mask)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        print(epoch, [round(lr, 7) for lr in sched.get_last_lr()])
