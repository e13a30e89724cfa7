import torch
from torch import nn


class GradualWarmupMultiStep(object):
    def __init__(self, opt, milestones, gamma=0.1, warm_epochs=5, warm_factor=0.01):
        self.opt = opt
        self.milestones = sorted(milestones)
        self.gamma = gamma
        self.warm_epochs = warm_epochs
        self.warm_factor = warm_factor
        self.initial = [pg["lr"] for pg in opt.param_groups]
        self.epoch = 0
        self._set(self._factor())

    def _factor(self):
        if self.epoch < self.warm_epochs:
            alpha = self.epoch / self.warm_epochs
            return self.warm_factor * (1 - alpha) + alpha
        passed = sum(1 for m in self.milestones if self.epoch >= m)
        return self.gamma ** passed

    def _set(self, factor):
        for pg, lr0 in zip(self.opt.param_groups, self.initial):
            pg["lr"] = lr0 * factor

    def step(self):
        self.epoch += 1
        self._set(self._factor())

    def current(self):
        return [pg["lr"] for pg in self.opt.param_groups]


class Trainer:
    def __init__(self, net, train_loader, cfg):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.crit = nn.CrossEntropyLoss(label_smoothing=cfg.TRAIN.LABEL_SMOOTH)
        self.opt = torch.optim.SGD(self.net.parameters(), lr=cfg.TRAIN.LR,
                                   momentum=0.9, nesterov=True, weight_decay=1e-4)
        self.lr_sched = GradualWarmupMultiStep(self.opt, cfg.TRAIN.STEPS, warm_epochs=cfg.TRAIN.WARM)
        self.max_epoch = cfg.TRAIN.EPOCHS

    def run(self):
        for ep in range(self.max_epoch):
            self.net.train()
            running = 0.0
            for imgs, labels in self.train_loader:
                out = self.net(imgs.cuda(non_blocking=True))
                loss = self.crit(out, labels.cuda(non_blocking=True))
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                running += loss.item()
            self.lr_sched.step()
            avg = running / len(self.train_loader)
            print(f"[{ep}] lr={self.lr_sched.current()[0]:.5f} loss={avg:.4f}")
