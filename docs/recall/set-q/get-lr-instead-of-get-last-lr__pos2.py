import torch
from torch.optim.lr_scheduler import ExponentialLR
from torch.utils.tensorboard import SummaryWriter


class Trainer:
    def __init__(self, net, loader, cfg, log_dir="runs/exp"):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.Adam(net.parameters(), lr=cfg.lr)
        self.lr_sched = ExponentialLR(self.opt, gamma=cfg.gamma)
        self.writer = SummaryWriter(log_dir)
        self.global_step = 0

    def step(self, batch):
        x, y = batch
        loss = torch.nn.functional.l1_loss(self.net(x), y)
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        self.global_step += 1
        return loss.item()

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.net.train()
            for batch in self.loader:
                loss = self.step(batch)
                if self.global_step % 100 == 0:
                    self.writer.add_scalar("train/loss", loss, self.global_step)
            self.lr_sched.step()
            self.writer.add_scalar("train/lr", self.lr_sched.get_lr()[0], epoch)
        self.writer.close()
