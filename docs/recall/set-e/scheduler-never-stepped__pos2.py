import logging

import torch
from torch.optim.lr_scheduler import MultiStepLR

logger = logging.getLogger("train")


class Trainer:
    def __init__(self, net, loader, cfg):
        self.net = net.to(cfg.device)
        self.loader = loader
        self.cfg = cfg
        self.optimizer = torch.optim.SGD(self.net.parameters(), lr=cfg.lr,
                                         momentum=0.9, weight_decay=cfg.wd)
        self.lr_scheduler = MultiStepLR(self.optimizer, milestones=cfg.milestones,
                                        gamma=0.2)
        self.criterion = torch.nn.CrossEntropyLoss()

    def train_one_epoch(self, epoch):
        self.net.train()
        running = 0.0
        for step, (x, y) in enumerate(self.loader):
            x, y = x.to(self.cfg.device), y.to(self.cfg.device)
            loss = self.criterion(self.net(x), y)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            running += loss.item()
            if step % self.cfg.log_interval == 0:
                logger.info("epoch %d step %d loss %.4f lr %.5f", epoch, step,
                            running / (step + 1), self.lr_scheduler.get_last_lr()[0])
        return running / len(self.loader)

    def train(self):
        for epoch in range(self.cfg.epochs):
            avg = self.train_one_epoch(epoch)
            logger.info("epoch %d done, avg loss %.4f", epoch, avg)
            torch.save({"net": self.net.state_dict(),
                        "optimizer": self.optimizer.state_dict(),
                        "lr_scheduler": self.lr_scheduler.state_dict(),
                        "epoch": epoch}, self.cfg.ckpt)
