import logging

import torch
from torch.optim.lr_scheduler import StepLR

logger = logging.getLogger("trainer")


class Trainer:
    def __init__(self, net, train_loader, val_loader, cfg):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(self.net.parameters(), lr=cfg.TRAIN.BASE_LR,
                                   momentum=0.9, weight_decay=cfg.TRAIN.WD)
        self.lr_sched = StepLR(self.opt, step_size=cfg.TRAIN.LR_STEP, gamma=0.1)
        self.criterion = torch.nn.CrossEntropyLoss()

    def train_epoch(self, epoch):
        self.net.train()
        for i, (x, y) in enumerate(self.train_loader):
            loss = self.criterion(self.net(x.cuda()), y.cuda())
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            if i % self.cfg.LOG_FREQ == 0:
                logger.info("epoch %d iter %d loss %.4f lr %.5f",
                            epoch, i, loss.item(), self.lr_sched.get_last_lr()[0])

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        correct = total = 0
        for x, y in self.val_loader:
            correct += (self.net(x.cuda()).argmax(1).cpu() == y).sum().item()
            total += y.size(0)
        return correct / total

    def train(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            self.train_epoch(epoch)
            acc = self.validate()
            logger.info("epoch %d val acc %.4f", epoch, acc)
