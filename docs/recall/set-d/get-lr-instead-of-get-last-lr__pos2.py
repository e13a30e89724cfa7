import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import ExponentialLR
from torch.utils.tensorboard import SummaryWriter


class Trainer:
    def __init__(self, net, loader, log_dir, lr=1e-3, gamma=0.95):
        self.net = net
        self.loader = loader
        self.opt = torch.optim.Adam(net.parameters(), lr=lr)
        self.sched = ExponentialLR(self.opt, gamma=gamma)
        self.writer = SummaryWriter(log_dir)
        self.global_step = 0

    def train_epoch(self):
        self.net.train()
        for x, y in self.loader:
            recon = self.net(x)
            loss = F.mse_loss(recon, y)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            self.global_step += 1
            if self.global_step % 50 == 0:
                self.writer.add_scalar("train/loss", loss.item(), self.global_step)
                self.writer.add_scalar("train/lr", self.sched.get_lr()[0], self.global_step)

    def fit(self, epochs):
        for _ in range(epochs):
            self.train_epoch()
            self.sched.step()
        self.writer.close()
