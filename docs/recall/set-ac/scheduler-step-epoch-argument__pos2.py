import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, model, loader, cfg):
        self.model = model
        self.loader = loader
        self.cfg = cfg
        self.optimizer = torch.optim.Adam(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
        self.lr_scheduler = CosineAnnealingLR(self.optimizer, T_max=cfg.max_epoch, eta_min=1e-6)
        self.epoch = 0

    def train_epoch(self):
        self.model.train()
        for batch in self.loader:
            loss = self.model.compute_loss(batch)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()

    def run(self):
        while self.epoch < self.cfg.max_epoch:
            self.train_epoch()
            self.epoch += 1
            self.lr_scheduler.step(epoch=self.epoch)
            if self.epoch % self.cfg.save_every == 0:
                torch.save({
                    "epoch": self.epoch,
                    "model": self.model.state_dict(),
                    "optimizer": self.optimizer.state_dict(),
                    "lr_scheduler": self.lr_scheduler.state_dict(),
                }, f"{self.cfg.out_dir}/ckpt_{self.epoch}.pt")
