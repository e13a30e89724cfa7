import numpy as np
import torch
from torch.utils.data import DataLoader


class PretrainTrainer:
    def __init__(self, encoder, dataset, cfg):
        self.encoder = encoder
        self.cfg = cfg
        self.loader = DataLoader(dataset, batch_size=cfg.batch_size, shuffle=True,
                                 num_workers=cfg.num_workers, drop_last=True)
        self.optim = torch.optim.AdamW(encoder.parameters(), lr=cfg.max_lr,
                                       betas=(0.9, 0.95), weight_decay=cfg.weight_decay)
        self.max_lr = cfg.max_lr
        self.min_lr = cfg.min_lr
        self.total_updates = max(1, cfg.epochs * len(self.loader))
        self.updates = 0

    def lr_now(self):
        progress = min(1.0, self.updates / self.total_updates)
        factor = 0.5 * (1.0 - np.cos(np.pi * progress))
        return self.min_lr + (self.max_lr - self.min_lr) * factor

    def train(self):
        for epoch in range(self.cfg.epochs):
            self.encoder.train()
            for views in self.loader:
                lr = self.lr_now()
                for g in self.optim.param_groups:
                    g["lr"] = lr
                loss = self.encoder(views[0].cuda(), views[1].cuda())
                self.optim.zero_grad()
                loss.backward()
                self.optim.step()
                self.updates += 1
            print(f"epoch {epoch} loss {loss.item():.4f} lr {lr:.3e}")
