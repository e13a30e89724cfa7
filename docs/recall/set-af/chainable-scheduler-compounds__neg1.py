import math

import torch
from torch.optim.lr_scheduler import LambdaLR


class WarmupLambdaLR(LambdaLR):
    """LambdaLR (computed from base_lrs) with an extra linear warm-up factor."""

    def __init__(self, optimizer, lr_lambda, warmup_steps=1000, last_epoch=-1):
        self.warmup_steps = warmup_steps
        super().__init__(optimizer, lr_lambda, last_epoch)

    def get_lr(self):
        lrs = super().get_lr()
        if self.last_epoch < self.warmup_steps:
            scale = (self.last_epoch + 1) / self.warmup_steps
            return [lr * scale for lr in lrs]
        return lrs


def train(model, loader, epochs, lr=5e-4, warmup_steps=1000):
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.05)
    total = epochs * len(loader)
    cosine = lambda s: 0.5 * (1.0 + math.cos(math.pi * min(s, total) / total))
    sched = WarmupLambdaLR(opt, cosine, warmup_steps=warmup_steps)
    for epoch in range(epochs):
        model.train()
        for images, labels in loader:
            loss = torch.nn.functional.cross_entropy(model(images.cuda()), labels.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {epoch}: lr {sched.get_last_lr()[0]:.2e}")
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(),
                    "sched": sched.state_dict()}, "last.pth")
    return model
