import torch
from torch.optim.lr_scheduler import MultiStepLR
from torch.utils.tensorboard import SummaryWriter


class Trainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9,
                                   weight_decay=cfg.weight_decay)
        self.sched = MultiStepLR(self.opt, milestones=cfg.milestones, gamma=0.1)
        self.writer = SummaryWriter(cfg.log_dir)
        self.global_step = 0

    def train_epoch(self, epoch):
        self.net.train()
        for images, targets in self.loader:
            out = self.net(images.cuda())
            loss = torch.nn.functional.cross_entropy(out, targets.cuda())
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            self.global_step += 1
            if self.global_step % self.cfg.log_every == 0:
                self.writer.add_scalar("train/loss", loss.item(), self.global_step)
                self.writer.add_scalar("train/lr", self.sched.get_lr()[0], self.global_step)

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.train_epoch(epoch)
            self.sched.step()
        self.writer.close()
