import torch
from torch import nn
from torch.optim.lr_scheduler import ExponentialLR


class Trainer:
    def __init__(self, generator: nn.Module, loader, cfg):
        self.generator = generator
        self.loader = loader
        self.cfg = cfg
        self.opt_g = torch.optim.Adam(generator.parameters(), lr=cfg["lr"], betas=(0.8, 0.99))
        self.lr_sched = ExponentialLR(self.opt_g, gamma=cfg["lr_decay"])
        self.epoch = 0
        self.recon = nn.L1Loss()

    def _train_one_epoch(self):
        self.generator.train()
        for i, (mel, wav) in enumerate(self.loader):
            mel, wav = mel.cuda(), wav.cuda()
            fake = self.generator(mel)
            loss = self.recon(fake, wav)
            self.opt_g.zero_grad()
            loss.backward()
            self.opt_g.step()
            if i % self.cfg["log_interval"] == 0:
                print(f"epoch {self.epoch} it {i} l1 {loss.item():.4f}")

    def fit(self):
        for self.epoch in range(self.cfg["epochs"]):
            self._train_one_epoch()
            self.lr_sched.step(self.epoch)
