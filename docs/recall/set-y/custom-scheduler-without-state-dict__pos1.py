import math

import torch
import torch.nn.functional as F


class WarmupCosineSchedule:
    """Linear warm-up followed by cosine decay, stepped once per iteration."""

    def __init__(self, optimizer, warmup_iters, max_iters, min_lr=1e-6):
        self.optimizer = optimizer
        self.warmup_iters = warmup_iters
        self.max_iters = max_iters
        self.min_lr = min_lr
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.last_iter = 0
        self._apply()

    def get_lr(self, base_lr):
        if self.last_iter < self.warmup_iters:
            return base_lr * (self.last_iter + 1) / self.warmup_iters
        t = (self.last_iter - self.warmup_iters) / max(1, self.max_iters - self.warmup_iters)
        t = min(t, 1.0)
        return self.min_lr + 0.5 * (base_lr - self.min_lr) * (1 + math.cos(math.pi * t))

    def _apply(self):
        for group, base_lr in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = self.get_lr(base_lr)

    def step(self):
        self.last_iter += 1
        self._apply()


def train(model, loader, epochs, lr=5e-4, warmup_iters=500):
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.05)
    sched = WarmupCosineSchedule(opt, warmup_iters=warmup_iters, max_iters=epochs * len(loader))
    for epoch in range(epochs):
        model.train()
        for it, (x, y) in enumerate(loader):
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            loss = F.cross_entropy(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            if it % 50 == 0:
                print(f"ep {epoch} it {it} loss {loss.item():.4f} lr {opt.param_groups[0]['lr']:.2e}")
    return model
