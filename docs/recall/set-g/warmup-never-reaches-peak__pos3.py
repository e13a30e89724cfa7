import torch
from torch.optim.lr_scheduler import MultiStepLR


class Trainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.TRAIN.LR, momentum=0.9, weight_decay=1e-4)
        self.base_lrs = [g["lr"] for g in self.opt.param_groups]
        self.decay = MultiStepLR(self.opt, milestones=cfg.TRAIN.STEPS, gamma=0.1)

    def apply_warmup(self, epoch):
        if epoch < self.cfg.TRAIN.WARM:
            scale = epoch / self.cfg.TRAIN.WARM
            for g, base in zip(self.opt.param_groups, self.base_lrs):
                g["lr"] = base * scale

    def train_epoch(self, epoch):
        self.net.train()
        self.apply_warmup(epoch)
        for i, (imgs, labels) in enumerate(self.loader):
            loss = self.net(imgs, labels)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
        if epoch >= self.cfg.TRAIN.WARM:
            self.decay.step()

    def fit(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            self.train_epoch(epoch)
