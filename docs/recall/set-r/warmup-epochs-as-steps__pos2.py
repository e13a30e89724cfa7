import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR


class Trainer:
    def __init__(self, model, train_loader, cfg):
        self.model = model
        self.train_loader = train_loader
        self.cfg = cfg
        self.iters_per_epoch = len(train_loader)
        self.max_iters = cfg.TRAIN.EPOCHS * self.iters_per_epoch
        self.optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.TRAIN.BASE_LR,
                                           weight_decay=cfg.TRAIN.WEIGHT_DECAY)
        self.lr_scheduler = self._build_scheduler()

    def _build_scheduler(self):
        warm = self.cfg.TRAIN.WARMUP_EPOCHS
        warmup = LinearLR(self.optimizer, start_factor=1e-3, total_iters=warm)
        decay = CosineAnnealingLR(self.optimizer, T_max=max(1, self.max_iters - warm),
                                  eta_min=self.cfg.TRAIN.MIN_LR)
        return SequentialLR(self.optimizer, [warmup, decay], milestones=[warm])

    def train_one_epoch(self, epoch):
        self.model.train()
        for idx, (samples, targets) in enumerate(self.train_loader):
            samples = samples.cuda(non_blocking=True)
            targets = targets.cuda(non_blocking=True)
            loss = F.cross_entropy(self.model(samples), targets, label_smoothing=0.1)
            self.optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), 5.0)
            self.optimizer.step()
            self.lr_scheduler.step()
            if idx % self.cfg.PRINT_FREQ == 0:
                print(f"[{epoch}][{idx}/{self.iters_per_epoch}] loss {loss.item():.4f}")

    def train(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            self.train_one_epoch(epoch)
