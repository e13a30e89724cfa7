import math

import torch
from torch.optim.lr_scheduler import LambdaLR


class LayerwiseSchedule:
    """Cosine decay with a per-layer warm-up (deeper layers warm up longer)."""

    def __init__(self, opt, warm_per_group, total_steps):
        self.opt = opt
        self.warm_per_group = warm_per_group
        self.total_steps = max(1, total_steps)
        fns = []
        for idx, _group in enumerate(opt.param_groups):
            fns.append(lambda step: self._factor(step, idx))
        self.inner = LambdaLR(opt, lr_lambda=fns)

    def _factor(self, step, idx):
        warm = max(1, self.warm_per_group[idx])
        if step < warm:
            return (step + 1) / warm
        progress = min(1.0, (step - warm) / max(1, self.total_steps - warm))
        return 0.5 * (1.0 + math.cos(math.pi * progress))

    def step(self):
        self.inner.step()

    def state_dict(self):
        return self.inner.state_dict()

    def load_state_dict(self, sd):
        self.inner.load_state_dict(sd)


def train(vit, loader, epochs, lr=5e-4):
    groups = [{"params": blk.parameters()} for blk in vit.blocks]
    opt = torch.optim.AdamW(groups, lr=lr, weight_decay=0.05)
    warm = [100 * (i + 1) for i in range(len(groups))]
    sched = LayerwiseSchedule(opt, warm, total_steps=epochs * len(loader))
    vit.cuda().train()
    for _ in range(epochs):
        for x, y in loader:
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(vit(x.cuda()), y.cuda())
            loss.backward()
            opt.step()
            sched.step()
