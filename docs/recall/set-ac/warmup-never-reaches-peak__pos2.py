import math

import torch


class WarmupCosine:
    def __init__(self, optimizer, peak_lr, warmup_steps, total_steps):
        self.optimizer = optimizer
        self.peak_lr = peak_lr
        self.warmup_steps = warmup_steps
        self.total_steps = max(1, total_steps)
        self.last_step = -1

    def lr_at(self, step):
        ramp = (step + 1) / max(1, self.warmup_steps)
        progress = min(1.0, step / self.total_steps)
        decay = 0.5 * (1.0 + math.cos(math.pi * progress))
        return self.peak_lr * ramp * decay

    def adjust(self, step):
        lr = self.lr_at(step)
        for g in self.optimizer.param_groups:
            g["lr"] = lr
        self.last_step = step
        return lr

    def state_dict(self):
        return {"last_step": self.last_step}

    def load_state_dict(self, sd):
        self.last_step = sd["last_step"]


def train(self_sup_model, loader, epochs, peak_lr=1.5e-4, warmup_epochs=10):
    opt = torch.optim.AdamW(self_sup_model.parameters(), lr=peak_lr, betas=(0.9, 0.95), weight_decay=0.05)
    lr_sched = WarmupCosine(opt, peak_lr, warmup_epochs * len(loader), epochs * len(loader))
    self_sup_model.train()
    for epoch in range(epochs):
        for i, (imgs, _) in enumerate(loader):
            lr_sched.adjust(epoch * len(loader) + i)
            loss = self_sup_model(imgs, mask_ratio=0.75)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch} lr {opt.param_groups[0]['lr']:.3e} loss {loss.item():.4f}")
