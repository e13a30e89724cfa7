import math

import torch
from torch.optim.lr_scheduler import LambdaLR


class WarmupLambdaLR(LambdaLR):
    """LambdaLR whose factor is additionally ramped linearly over the first `n_warm` steps."""

    def __init__(self, opt, lr_lambda, n_warm=0, last_epoch=-1):
        self.n_warm = n_warm
        super().__init__(opt, lr_lambda, last_epoch)

    def _warm_scale(self):
        if self.n_warm == 0 or self.last_epoch >= self.n_warm:
            return 1.0
        return (self.last_epoch + 1) / self.n_warm

    def get_lr(self):
        scale = self._warm_scale()
        return [lr * scale for lr in super().get_lr()]


def train(encoder, loader, hp):
    opt = torch.optim.AdamW(encoder.parameters(), lr=hp["lr"], weight_decay=hp["wd"])
    total = max(1, hp["epochs"] * len(loader))
    cosine = lambda s: 0.01 + 0.99 * 0.5 * (1.0 + math.cos(math.pi * min(s, total) / total))
    sched = WarmupLambdaLR(opt, cosine, n_warm=hp["ramp"])
    for ep in range(hp["epochs"]):
        encoder.train()
        for views in loader:
            loss = encoder(views)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {ep}: lr {sched.get_last_lr()[0]:.3e}")
