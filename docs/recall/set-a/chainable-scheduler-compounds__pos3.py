import torch
from torch.optim.lr_scheduler import ExponentialLR


class LayerScaledExponentialLR(ExponentialLR):
    """Exponential decay with a fixed per-group multiplier (e.g. smaller LR for the backbone)."""

    def __init__(self, optimizer, gamma, group_scales, last_epoch=-1):
        if len(group_scales) != len(optimizer.param_groups):
            raise ValueError("one scale per param group is required")
        self.group_scales = list(group_scales)
        super(LayerScaledExponentialLR, self).__init__(optimizer, gamma, last_epoch)

    def get_lr(self):
        lrs = super(LayerScaledExponentialLR, self).get_lr()
        return [lr * s for lr, s in zip(lrs, self.group_scales)]


class Finetuner:
    def __init__(self, net, hp, device="cuda"):
        self.net = net.to(device)
        self.device = device
        self.hp = hp
        groups = [{"params": net.encoder.parameters()}, {"params": net.head.parameters()}]
        self.opt = torch.optim.SGD(groups, lr=hp["lr"], momentum=0.9)
        self.lr_sched = LayerScaledExponentialLR(self.opt, gamma=hp["gamma"], group_scales=[hp["enc_scale"], 1.0])

    def fit(self, loader):
        for epoch in range(self.hp["epochs"]):
            self.net.train()
            for x, y in loader:
                loss = torch.nn.functional.cross_entropy(self.net(x.to(self.device)), y.to(self.device))
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            self.lr_sched.step()
            print(epoch, [round(lr, 7) for lr in self.lr_sched.get_last_lr()])
