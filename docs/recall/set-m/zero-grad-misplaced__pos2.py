from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader


@dataclass
class TrainConfig:
    lr: float = 2e-4
    epochs: int = 40
    batch_size: int = 32
    grad_clip: float = 1.0
    device: str = "cuda"


class Trainer:
    def __init__(self, net, train_set, cfg: TrainConfig):
        self.cfg = cfg
        self.net = net.to(cfg.device)
        self.loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True,
                                 num_workers=4)
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=cfg.lr)

    def training_step(self, batch):
        src, tgt = (t.to(self.cfg.device) for t in batch)
        pred = self.net(src)
        loss = F.l1_loss(pred, tgt)
        loss.backward()
        self.net.zero_grad()
        torch.nn.utils.clip_grad_norm_(self.net.parameters(), self.cfg.grad_clip)
        self.opt.step()
        return loss.detach()

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.net.train()
            losses = [self.training_step(b) for b in self.loader]
            mean = torch.stack(losses).mean().item()
            print(f"[{epoch + 1}/{self.cfg.epochs}] l1={mean:.4f}")
