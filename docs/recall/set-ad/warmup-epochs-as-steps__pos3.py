import math

import torch
from torch.optim.lr_scheduler import LambdaLR


class WarmupCosine:
    """Linear warm-up then cosine decay, evaluated once per optimizer step."""

    def __init__(self, cfg, steps_per_epoch):
        self.warmup = max(1, cfg.SOLVER.WARMUP_EPOCHS)
        self.total_steps = cfg.SOLVER.MAX_EPOCHS * steps_per_epoch
        self.final_ratio = cfg.SOLVER.FINAL_LR / cfg.SOLVER.BASE_LR

    def __call__(self, step):
        if step < self.warmup:
            return (step + 1) / self.warmup
        progress = min(1.0, (step - self.warmup) / max(1, self.total_steps - self.warmup))
        cos = 0.5 * (1.0 + math.cos(math.pi * progress))
        return self.final_ratio + (1.0 - self.final_ratio) * cos


class SimCLRTrainer:
    def __init__(self, cfg, encoder, loader, criterion):
        self.cfg = cfg
        self.encoder = encoder.cuda()
        self.loader = loader
        self.criterion = criterion
        self.opt = torch.optim.SGD(encoder.parameters(), lr=cfg.SOLVER.BASE_LR,
                                   momentum=0.9, weight_decay=cfg.SOLVER.WEIGHT_DECAY)
        self.sched = LambdaLR(self.opt, WarmupCosine(cfg, len(loader)))

    def train(self):
        for epoch in range(self.cfg.SOLVER.MAX_EPOCHS):
            self.encoder.train()
            for i, ((x1, x2), _) in enumerate(self.loader):
                z1 = self.encoder(x1.cuda(non_blocking=True))
                z2 = self.encoder(x2.cuda(non_blocking=True))
                loss = self.criterion(z1, z2)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.sched.step()
                if i % 50 == 0:
                    print(f"ep {epoch} it {i} nt-xent {loss.item():.4f} "
                          f"lr {self.sched.get_last_lr()[0]:.4f}")
