from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


@dataclass
class OptimConfig:
    lr: float = 1.5e-4
    weight_decay: float = 0.05
    epochs: int = 100
    warmup_epochs: int = 10
    min_lr: float = 1e-6


class MAETrainer:
    def __init__(self, model, loader, ocfg: OptimConfig):
        self.model = model.cuda()
        self.loader = loader
        self.ocfg = ocfg
        self.steps_per_epoch = len(loader)
        self.total_steps = ocfg.epochs * self.steps_per_epoch
        self.optimizer = torch.optim.AdamW(self.model.parameters(), lr=ocfg.lr,
                                           betas=(0.9, 0.95), weight_decay=ocfg.weight_decay)
        self.scheduler = self._make_scheduler()

    def _make_scheduler(self):
        n_warm = self.ocfg.warmup_epochs
        ramp = LinearLR(self.optimizer, start_factor=0.01, total_iters=n_warm)
        decay = CosineAnnealingLR(self.optimizer, T_max=max(1, self.total_steps - n_warm),
                                  eta_min=self.ocfg.min_lr)
        return SequentialLR(self.optimizer, schedulers=[ramp, decay], milestones=[n_warm])

    def train(self):
        for epoch in range(self.ocfg.epochs):
            self.model.train()
            for it, (imgs, _) in enumerate(self.loader):
                loss, _, _ = self.model(imgs.cuda(non_blocking=True), mask_ratio=0.75)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
                self.scheduler.step()
                if it % 100 == 0:
                    print(f"ep {epoch} it {it}/{self.steps_per_epoch} loss {loss.item():.4f} "
                          f"lr {self.scheduler.get_last_lr()[0]:.2e}")
