import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR


class SRTrainer:
    def __init__(self, generator, train_loader, cfg):
        self.generator = generator.cuda()
        self.train_loader = train_loader
        self.cfg = cfg
        self.optim_g = torch.optim.Adam(generator.parameters(), lr=cfg.lr, betas=(0.9, 0.99))
        self.lr_sched = StepLR(self.optim_g, step_size=cfg.lr_step_epochs, gamma=0.5)
        self.pixel_loss = nn.L1Loss()
        self.epoch = 0

    def _on_epoch_end(self):
        self.lr_sched.step()
        self.epoch += 1

    def train_epoch(self):
        self.generator.train()
        acc = 0.0
        for lr_img, hr_img in self.train_loader:
            lr_img, hr_img = lr_img.cuda(non_blocking=True), hr_img.cuda(non_blocking=True)
            loss = self.pixel_loss(self.generator(lr_img), hr_img)
            self.optim_g.zero_grad()
            loss.backward()
            self.optim_g.step()
            acc += loss.item()
        return acc / len(self.train_loader)

    def train(self):
        while self.epoch < self.cfg.total_epochs:
            l1 = self.train_epoch()
            print(f"[epoch {self.epoch}] lr={self.lr_sched.get_last_lr()[0]:.2e} l1={l1:.4f}")
            if (self.epoch + 1) % self.cfg.save_every == 0:
                torch.save({"G": self.generator.state_dict(),
                            "optim_g": self.optim_g.state_dict(),
                            "lr_sched": self.lr_sched.state_dict(),
                            "epoch": self.epoch}, f"G_{self.epoch + 1:04d}.pth")
            self._on_epoch_end()
