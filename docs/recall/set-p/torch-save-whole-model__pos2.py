import os
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class TrainConfig:
    epochs: int = 50
    lr: float = 2e-4
    save_dir: str = "checkpoints"
    save_every: int = 5


class AutoencoderTrainer:
    def __init__(self, net: nn.Module, loader, cfg: TrainConfig):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.net.to(self.device)
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg.lr, betas=(0.5, 0.999))
        self.recon = nn.MSELoss()

    def _train_step(self, batch):
        batch = batch.to(self.device)
        self.opt.zero_grad()
        loss = self.recon(self.net(batch), batch)
        loss.backward()
        self.opt.step()
        return loss.item()

    def _snapshot(self, epoch):
        os.makedirs(self.cfg.save_dir, exist_ok=True)
        path = os.path.join(self.cfg.save_dir, f"ae_epoch{epoch:03d}.pt")
        torch.save(self.net, path)

    def train(self):
        for epoch in range(1, self.cfg.epochs + 1):
            self.net.train()
            losses = [self._train_step(b) for b in self.loader]
            print(f"epoch {epoch} recon {sum(losses) / len(losses):.5f}")
            if epoch % self.cfg.save_every == 0:
                self._snapshot(epoch)
