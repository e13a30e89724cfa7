import logging

import torch
from torch.optim.lr_scheduler import StepLR

logger = logging.getLogger(__name__)


class Trainer:
    def __init__(self, net, loader, hp):
        self.net = net
        self.loader = loader
        self.hp = hp
        self.opt = torch.optim.Adam(net.parameters(), lr=hp["lr"], weight_decay=hp["wd"])
        self.lr_sched = StepLR(self.opt, step_size=hp["decay_every"], gamma=hp["gamma"])

    def current_lr(self):
        return self.lr_sched.get_lr()[0]

    def train_epoch(self, epoch):
        self.net.train()
        total = 0.0
        for i, (feats, target) in enumerate(self.loader):
            feats, target = feats.cuda(), target.cuda()
            pred = self.net(feats)
            loss = torch.nn.functional.mse_loss(pred, target)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            total += loss.item()
        self.lr_sched.step()
        logger.info("epoch %d loss %.5f lr %.2e", epoch, total / max(1, i + 1), self.current_lr())

    def fit(self):
        for epoch in range(self.hp["epochs"]):
            self.train_epoch(epoch)
