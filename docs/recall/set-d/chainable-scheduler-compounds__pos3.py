import torch
from torch.optim.lr_scheduler import StepLR


class LayerwiseStepLR(StepLR):
    def __init__(self, optimizer, step_size, group_mult, gamma=0.1, last_epoch=-1):
        self.group_mult = list(group_mult)
        super().__init__(optimizer, step_size, gamma=gamma, last_epoch=last_epoch)

    def get_lr(self):
        lrs = super().get_lr()
        return [lr * m for lr, m in zip(lrs, self.group_mult)]


class Finetuner:
    def __init__(self, backbone, head, loader, cfg):
        self.backbone, self.head = backbone, head
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(
            [{"params": backbone.parameters()}, {"params": head.parameters()}],
            lr=cfg.lr, momentum=0.9,
        )
        self.sched = LayerwiseStepLR(self.opt, step_size=cfg.step_size, group_mult=(0.1, 1.0), gamma=0.5)
        self.crit = torch.nn.CrossEntropyLoss()

    def fit(self):
        epoch = 0
        while epoch < self.cfg.epochs:
            self.backbone.train()
            self.head.train()
            for x, y in self.loader:
                loss = self.crit(self.head(self.backbone(x)), y)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            self.sched.step()
            epoch += 1
