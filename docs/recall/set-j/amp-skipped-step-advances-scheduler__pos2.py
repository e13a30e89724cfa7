import math

import torch
from torch.cuda.amp import GradScaler, autocast
from torch.optim.lr_scheduler import LambdaLR


class LMTrainer:
    def __init__(self, model, train_loader, hp):
        self.model = model.cuda()
        self.train_loader = train_loader
        self.hp = hp
        self.optim = torch.optim.AdamW(self.model.parameters(), lr=hp.lr, betas=(0.9, 0.95),
                                       weight_decay=hp.weight_decay)
        total = hp.epochs * len(train_loader)
        self.lr_sched = LambdaLR(self.optim, lambda s: self._lr_factor(s, hp.n_warm, total))
        self.scaler = GradScaler()
        self.global_step = 0

    @staticmethod
    def _lr_factor(step, n_warm, total):
        if step < n_warm:
            return float(step + 1) / float(max(1, n_warm))
        progress = min(1.0, (step - n_warm) / max(1, total - n_warm))
        return max(0.1, 0.5 * (1.0 + math.cos(math.pi * progress)))

    def training_step(self, batch):
        input_ids = batch["input_ids"].cuda(non_blocking=True)
        labels = batch["labels"].cuda(non_blocking=True)
        self.optim.zero_grad(set_to_none=True)
        with autocast():
            loss = self.model(input_ids, labels=labels).loss
        self.scaler.scale(loss).backward()
        self.scaler.unscale_(self.optim)
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.hp.grad_clip)
        self.scaler.step(self.optim)
        self.scaler.update()
        self.lr_sched.step()
        self.global_step += 1
        return loss.item()

    def train(self):
        self.model.train()
        for epoch in range(self.hp.epochs):
            for batch in self.train_loader:
                loss = self.training_step(batch)
                if self.global_step % self.hp.log_every == 0:
                    print(f"ep {epoch} step {self.global_step} loss {loss:.3f} "
                          f"lr {self.lr_sched.get_last_lr()[0]:.2e}")
