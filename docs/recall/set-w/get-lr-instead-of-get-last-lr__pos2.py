import torch
from torch import nn
from torch.optim.lr_scheduler import ExponentialLR
from torch.utils.tensorboard import SummaryWriter


class Trainer:
    def __init__(self, generator: nn.Module, loader, log_dir="runs/exp", lr=2e-4, gamma=0.999):
        self.generator = generator
        self.loader = loader
        self.optimizer = torch.optim.Adam(generator.parameters(), lr=lr, betas=(0.5, 0.999))
        self.lr_scheduler = ExponentialLR(self.optimizer, gamma=gamma)
        self.writer = SummaryWriter(log_dir)
        self.global_step = 0

    def _log(self, loss):
        self.writer.add_scalar("train/loss", loss, self.global_step)
        self.writer.add_scalar("train/lr", self.lr_scheduler.get_lr()[0], self.global_step)

    def train_epoch(self):
        self.generator.train()
        for lowres, highres in self.loader:
            self.optimizer.zero_grad()
            sr = self.generator(lowres)
            loss = nn.functional.l1_loss(sr, highres)
            loss.backward()
            self.optimizer.step()
            self.global_step += 1
            if self.global_step % 100 == 0:
                self._log(loss.item())
        self.lr_scheduler.step()

    def fit(self, epochs):
        for _ in range(epochs):
            self.train_epoch()
        self.writer.close()
