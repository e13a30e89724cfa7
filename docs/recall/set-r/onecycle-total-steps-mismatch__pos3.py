import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


@dataclass
class HParams:
    epochs: int = 40
    bs: int = 96
    peak_lr: float = 1e-3
    grad_clip: float = 1.0


class UNetTrainer:
    def __init__(self, unet, train_ds, hp: HParams):
        self.unet = unet.cuda()
        self.hp = hp
        self.loader = DataLoader(train_ds, batch_size=hp.bs, shuffle=True,
                                 num_workers=6, pin_memory=True)
        self.opt = torch.optim.Adam(self.unet.parameters(), lr=hp.peak_lr)
        self.steps_per_epoch = math.floor(len(train_ds) / hp.bs)
        self.sched = OneCycleLR(self.opt, max_lr=hp.peak_lr,
                                total_steps=hp.epochs * self.steps_per_epoch)

    def step(self, img, mask):
        logits = self.unet(img)
        loss = F.binary_cross_entropy_with_logits(logits, mask)
        self.opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.unet.parameters(), self.hp.grad_clip)
        self.opt.step()
        self.sched.step()
        return loss.item()

    def fit(self):
        for ep in range(self.hp.epochs):
            self.unet.train()
            losses = [self.step(img.cuda(), mask.cuda()) for img, mask in self.loader]
            print(f"epoch {ep}: bce {sum(losses) / max(1, len(losses)):.4f}")
