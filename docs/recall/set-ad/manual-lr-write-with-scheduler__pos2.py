from dataclasses import dataclass

import torch
from transformers import get_linear_schedule_with_warmup


@dataclass
class FTConfig:
    epochs: int = 10
    head_lr: float = 1e-3
    backbone_lr: float = 1e-5
    unfreeze_epoch: int = 3
    warmup_steps: int = 500


class Finetuner:
    def __init__(self, backbone, head, loader, cfg: FTConfig):
        self.backbone = backbone.cuda()
        self.head = head.cuda()
        self.loader = loader
        self.cfg = cfg
        for p in self.backbone.parameters():
            p.requires_grad_(False)
        self.opt = torch.optim.AdamW([
            {"params": self.backbone.parameters(), "lr": 0.0},
            {"params": self.head.parameters(), "lr": cfg.head_lr},
        ])
        self.sched = get_linear_schedule_with_warmup(
            self.opt, cfg.warmup_steps, cfg.epochs * len(loader))

    def unfreeze(self):
        for p in self.backbone.parameters():
            p.requires_grad_(True)
        self.opt.param_groups[0]["lr"] = self.cfg.backbone_lr

    def fit(self):
        for epoch in range(self.cfg.epochs):
            if epoch == self.cfg.unfreeze_epoch:
                self.unfreeze()
            self.backbone.train()
            self.head.train()
            for step, (x, y) in enumerate(self.loader):
                x, y = x.cuda(), y.cuda()
                logits = self.head(self.backbone(x))
                loss = torch.nn.functional.cross_entropy(logits, y)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.sched.step()
                if step % 50 == 0:
                    lrs = [round(g, 8) for g in self.sched.get_last_lr()]
                    print(f"epoch {epoch} step {step} loss {loss.item():.4f} lrs {lrs}")
