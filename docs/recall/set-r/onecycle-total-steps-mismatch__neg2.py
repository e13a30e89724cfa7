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


class UNetTrainer:
    def __init__(self, unet, train_ds, hp: HParams):
        self.unet = unet.cuda()
        self.hp = hp
        # drop_last=True: every epoch runs exactly len(train_ds) // bs batches
        self.loader = DataLoader(train_ds, batch_size=hp.bs, shuffle=True,
                                 drop_last=True, num_workers=6)
        self.opt = torch.optim.Adam(self.unet.parameters(), lr=hp.peak_lr)
        steps_per_epoch = len(train_ds) // hp.bs
        self.sched = OneCycleLR(self.opt, max_lr=hp.peak_lr,
                                total_steps=hp.epochs * steps_per_epoch)

    def fit(self):
        for ep in range(self.hp.epochs):
            self.unet.train()
            running = 0.0
            for img, mask in self.loader:
                img, mask = img.cuda(), mask.cuda()
                self.opt.zero_grad()
                loss = F.binary_cross_entropy_with_logits(self.unet(img), mask)
                loss.backward()
                self.opt.step()
                self.sched.step()
                running += loss.item()
            print(f"epoch {ep}: bce {running / max(1, len(self.loader)):.4f}")
