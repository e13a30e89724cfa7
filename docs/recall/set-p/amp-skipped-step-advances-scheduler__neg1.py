import torch
import torch.nn as nn
from torch.cuda.amp import GradScaler, autocast
from transformers import get_linear_schedule_with_warmup


class FineTuner:
    def __init__(self, net, train_loader, total_steps, lr=2e-5, n_warm=500, clip=1.0):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.clip = clip
        self.total_steps = total_steps
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=lr, weight_decay=0.01)
        self.lr_sched = get_linear_schedule_with_warmup(self.opt, n_warm, total_steps)
        self.scaler = GradScaler()
        self.global_step = 0

    def _optimizer_step(self, loss):
        self.scaler.scale(loss).backward()
        self.scaler.unscale_(self.opt)
        nn.utils.clip_grad_norm_(self.net.parameters(), self.clip)
        scale_before = self.scaler.get_scale()
        self.scaler.step(self.opt)
        self.scaler.update()
        self.opt.zero_grad(set_to_none=True)
        return self.scaler.get_scale() >= scale_before

    def train_step(self, batch):
        batch = {k: v.cuda(non_blocking=True) for k, v in batch.items()}
        with autocast():
            out = self.net(**batch)
        if self._optimizer_step(out.loss):
            self.lr_sched.step()
        self.global_step += 1
        return out.loss.item()

    def fit(self):
        self.net.train()
        while self.global_step < self.total_steps:
            for batch in self.train_loader:
                loss = self.train_step(batch)
                if self.global_step % 100 == 0:
                    print(f"step {self.global_step} loss {loss:.4f} lr {self.lr_sched.get_last_lr()[0]:.2e}")
                if self.global_step >= self.total_steps:
                    break
