import logging

import torch
from torch.optim.lr_scheduler import StepLR

log = logging.getLogger("train")


class Trainer:
    def __init__(self, net, cfg, device="cuda"):
        self.net = net.to(device)
        self.cfg = cfg
        self.device = device
        self.optim = torch.optim.SGD(net.parameters(), lr=cfg.TRAIN.LR, momentum=0.9, weight_decay=cfg.TRAIN.WD)
        self.sched = StepLR(self.optim, step_size=cfg.TRAIN.STEP, gamma=cfg.TRAIN.GAMMA)
        self.cur_epoch = 0

    def run_epoch(self, loader):
        self.net.train()
        for it, (imgs, gts) in enumerate(loader):
            loss = self.net(imgs.to(self.device), gts.to(self.device))
            self.optim.zero_grad()
            loss.backward()
            self.optim.step()
            if it % self.cfg.LOG_PERIOD == 0:
                log.info("epoch %d iter %d loss %.4f", self.cur_epoch, it, loss.item())

    def after_epoch(self):
        self.sched.step(self.cur_epoch)
        self.cur_epoch += 1

    def train(self, loader):
        while self.cur_epoch < self.cfg.TRAIN.EPOCHS:
            self.run_epoch(loader)
            self.after_epoch()
