import math

import torch
from torch.cuda.amp import GradScaler, autocast
from torch.optim.lr_scheduler import LambdaLR


class Trainer:
    def __init__(self, model, train_loader, cfg):
        self.model = model.cuda()
        self.train_loader = train_loader
        self.cfg = cfg
        self.optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.TRAIN.LR,
                                           betas=(0.9, 0.95), weight_decay=0.1)
        total = cfg.TRAIN.EPOCHS * len(train_loader)
        warm = cfg.TRAIN.WARM

        def lr_lambda(i):
            if i < warm:
                return (i + 1) / warm
            return 0.5 * (1 + math.cos(math.pi * min(1.0, (i - warm) / max(1, total - warm))))

        self.lr_scheduler = LambdaLR(self.optimizer, lr_lambda)
        self.grad_scaler = GradScaler(enabled=cfg.TRAIN.AMP)

    def _after_backward(self):
        self.grad_scaler.unscale_(self.optimizer)
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.cfg.TRAIN.CLIP)
        self.grad_scaler.step(self.optimizer)
        self.grad_scaler.update()
        self.lr_scheduler.step()

    def train_epoch(self, epoch):
        self.model.train()
        for it, batch in enumerate(self.train_loader):
            batch = {k: v.cuda(non_blocking=True) for k, v in batch.items()}
            self.optimizer.zero_grad(set_to_none=True)
            with autocast(enabled=self.cfg.TRAIN.AMP):
                loss = self.model(**batch)["loss"]
            self.grad_scaler.scale(loss).backward()
            self._after_backward()
            if it % self.cfg.LOG_EVERY == 0:
                print(f"[{epoch}:{it}] loss={loss.item():.4f}")
