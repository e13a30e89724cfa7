import math

import torch


class WarmupCosineLR:
    """Iteration-level cosine decay with linear warm-up, driven by a counter."""

    def __init__(self, opt, max_steps, warm_steps=0, eta_min=0.0):
        self.opt = opt
        self.max_steps = max(1, int(max_steps))
        self.warm_steps = int(warm_steps)
        self.eta_min = eta_min
        self.base_lrs = [g["lr"] for g in opt.param_groups]
        self.num_steps = 0
        self._apply()

    def _lr(self, base_lr):
        t = self.num_steps
        if t < self.warm_steps:
            return base_lr * (t + 1) / self.warm_steps
        progress = (t - self.warm_steps) / max(1, self.max_steps - self.warm_steps)
        progress = min(progress, 1.0)
        return self.eta_min + (base_lr - self.eta_min) * 0.5 * (1.0 + math.cos(math.pi * progress))

    def _apply(self):
        for g, base_lr in zip(self.opt.param_groups, self.base_lrs):
            g["lr"] = self._lr(base_lr)

    def step(self):
        self.num_steps += 1
        self._apply()

    def get_last_lr(self):
        return [g["lr"] for g in self.opt.param_groups]

    def state_dict(self):
        return {"num_steps": self.num_steps, "base_lrs": self.base_lrs}

    def load_state_dict(self, sd):
        self.num_steps = sd["num_steps"]
        self.base_lrs = sd["base_lrs"]
        self._apply()


def make(net, cfg):
    opt = torch.optim.AdamW(net.parameters(), lr=cfg.lr, betas=(0.9, 0.95), weight_decay=cfg.wd)
    return opt, WarmupCosineLR(opt, cfg.max_steps, cfg.warm_steps, cfg.min_lr)
