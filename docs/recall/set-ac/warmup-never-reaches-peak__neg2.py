import math

import torch
from torch.optim.lr_scheduler import LambdaLR


class WarmupCosineFactor:
    """Picklable LR multiplier: linear warm-up to 1.0, then cosine decay."""

    def __init__(self, warmup_steps, total_steps):
        self.warmup_steps = max(1, warmup_steps)
        self.total_steps = max(self.warmup_steps + 1, total_steps)

    def __call__(self, step):
        ramp = min(1.0, (step + 1) / self.warmup_steps)
        progress = min(1.0, max(0, step - self.warmup_steps) / (self.total_steps - self.warmup_steps))
        return ramp * 0.5 * (1.0 + math.cos(math.pi * progress))


def train(self_sup_model, loader, epochs, peak_lr=1.5e-4, warmup_epochs=10):
    opt = torch.optim.AdamW(self_sup_model.parameters(), lr=peak_lr, betas=(0.9, 0.95), weight_decay=0.05)
    lr_sched = LambdaLR(opt, WarmupCosineFactor(warmup_epochs * len(loader), epochs * len(loader)))
    self_sup_model.train()
    for epoch in range(epochs):
        for imgs, _ in loader:
            loss = self_sup_model(imgs, mask_ratio=0.75)
            opt.zero_grad()
            loss.backward()
            opt.step()
            lr_sched.step()
        print(f"epoch {epoch} lr {lr_sched.get_last_lr()[0]:.3e} loss {loss.item():.4f}")
