import torch
from torch.optim.lr_scheduler import ExponentialLR


class LayerwiseExponentialLR(ExponentialLR):
    """ExponentialLR that additionally applies a fixed multiplier per param group
    (e.g. a smaller LR for the pretrained backbone)."""

    def __init__(self, optimizer, gamma, group_mults, last_epoch=-1):
        if len(group_mults) != len(optimizer.param_groups):
            raise ValueError("need one multiplier per param group")
        self.group_mults = list(group_mults)
        super().__init__(optimizer, gamma, last_epoch)

    def get_lr(self):
        return [lr * m for lr, m in zip(super().get_lr(), self.group_mults)]


def configure(net, hp):
    opt = torch.optim.AdamW(
        [
            {"params": net.encoder.parameters()},
            {"params": net.head.parameters()},
        ],
        lr=hp["lr"],
        weight_decay=hp["wd"],
    )
    sched = LayerwiseExponentialLR(opt, gamma=hp["gamma"], group_mults=[0.1, 1.0])
    return opt, sched


def train(net, loader, hp):
    opt, sched = configure(net, hp)
    for epoch in range(hp["epochs"]):
        net.train()
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
