import logging

import torch
from torch.optim.lr_scheduler import MultiStepLR

logger = logging.getLogger(__name__)


def build_scheduler(opt, cfg, verbose=False):
    sched = MultiStepLR(opt, milestones=list(cfg.milestones), gamma=cfg.gamma)
    if verbose:
        logger.info("MultiStepLR milestones=%s gamma=%s", cfg.milestones, cfg.gamma)
    return sched


class Trainer:
    def __init__(self, net, loader, cfg, verbose=True):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=cfg.wd)
        self.sched = build_scheduler(self.opt, cfg, verbose=verbose)

    def run(self):
        for epoch in range(self.cfg.epochs):
            self.net.train()
            for x, y in self.loader:
                loss = torch.nn.functional.cross_entropy(self.net(x), y)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            self.sched.step()
            logger.info("epoch %d lr %.5f", epoch, self.sched.get_last_lr()[0])
