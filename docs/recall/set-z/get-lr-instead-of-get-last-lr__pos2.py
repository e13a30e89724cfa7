import logging
import time

import torch
from torch.optim.lr_scheduler import MultiStepLR

logger = logging.getLogger(__name__)


class Trainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.base_lr, momentum=0.9, weight_decay=cfg.wd)
        self.lr_scheduler = MultiStepLR(self.opt, milestones=cfg.milestones, gamma=cfg.gamma)
        self.max_epochs = cfg.epochs
        self.log_period = cfg.log_period

    def _log(self, epoch, it, loss, t0):
        lr = self.lr_scheduler.get_lr()[0]
        logger.info("epoch %d iter %d loss %.4f lr %.6f (%.2fs)", epoch, it, loss, lr, time.time() - t0)

    def train(self):
        for epoch in range(self.max_epochs):
            self.net.train()
            t0 = time.time()
            for it, (imgs, targets) in enumerate(self.loader):
                losses = self.net(imgs, targets)
                loss = sum(losses.values())
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                if it % self.log_period == 0:
                    self._log(epoch, it, loss.item(), t0)
            self.lr_scheduler.step()
