import math

import torch
import torch.nn.functional as F


class LMTrainer:
    def __init__(self, net, data, max_lr=3e-4, min_lr=3e-5, warmup=1000, total=50000):
        self.net = net
        self.data = data
        self.max_lr = max_lr
        self.min_lr = min_lr
        self.warmup = warmup
        self.total = total
        self.opt = torch.optim.AdamW(net.parameters(), lr=max_lr, betas=(0.9, 0.95), weight_decay=0.1)

    def lr_for(self, step):
        if step < self.warmup:
            return self.max_lr * (step + 1) / self.warmup
        progress = (step - self.warmup) / max(1, self.total - self.warmup)
        progress = min(1.0, progress)
        factor = 0.5 * (1.0 - math.cos(math.pi * progress))
        return self.min_lr + (self.max_lr - self.min_lr) * factor

    def set_lr(self, lr):
        for group in self.opt.param_groups:
            group["lr"] = lr

    def train(self):
        self.net.train()
        for step in range(self.total):
            self.set_lr(self.lr_for(step))
            x, y = self.data.get_batch()
            logits = self.net(x)
            loss = F.cross_entropy(logits.view(-1, logits.size(-1)), y.view(-1))
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.net.parameters(), 1.0)
            self.opt.step()
            if step % 200 == 0:
                print(f"step {step} loss {loss.item():.4f}")
