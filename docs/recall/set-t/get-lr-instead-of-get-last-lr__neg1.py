import torch
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.tensorboard import SummaryWriter


class Trainer:
    def __init__(self, net, loader, cfg, log_dir="runs/exp"):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.optimizer = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9,
                                         weight_decay=cfg.wd)
        self.lr_scheduler = MultiStepLR(self.optimizer, milestones=cfg.milestones, gamma=0.1)
        self.writer = SummaryWriter(log_dir)
        self.step = 0

    def train_epoch(self, epoch):
        self.net.train()
        for x, y in self.loader:
            loss = torch.nn.functional.cross_entropy(self.net(x.cuda()), y.cuda())
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            self.step += 1
            if self.step % 100 == 0:
                self.writer.add_scalar("train/loss", loss.item(), self.step)
        self.lr_scheduler.step()
        self.writer.add_scalar("train/lr", self.lr_scheduler.get_last_lr()[0], epoch)

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.train_epoch(epoch)
        self.writer.close()
