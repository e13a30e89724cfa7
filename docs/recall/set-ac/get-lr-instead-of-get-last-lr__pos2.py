import torch
from torch.optim.lr_scheduler import ExponentialLR
from torch.utils.tensorboard import SummaryWriter


class Trainer:
    def __init__(self, net, loader, log_dir, lr=1e-3, gamma=0.95):
        self.net = net
        self.loader = loader
        self.opt = torch.optim.Adam(net.parameters(), lr=lr)
        self.sched = ExponentialLR(self.opt, gamma=gamma)
        self.writer = SummaryWriter(log_dir)
        self.step = 0

    def train_epoch(self, epoch):
        self.net.train()
        for x, y in self.loader:
            pred = self.net(x)
            loss = torch.nn.functional.mse_loss(pred, y)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            self.writer.add_scalar("train/loss", loss.item(), self.step)
            self.step += 1
        self.sched.step()
        self.writer.add_scalar("train/lr", self.sched.get_lr()[0], epoch)

    def fit(self, n_epochs):
        for epoch in range(n_epochs):
            self.train_epoch(epoch)
        self.writer.close()
