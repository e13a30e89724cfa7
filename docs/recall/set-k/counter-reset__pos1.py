import math

import torch


class CosineRestartLR:
    """Cosine annealing with periodic warm restarts, stepped once per epoch."""

    def __init__(self, optimizer, period, eta_min=0.05, scale=1.0):
        self.optimizer = optimizer
        self.period = max(1, int(period))
        self.eta_min = eta_min
        self.scale = scale
        self.base_lr = [group["lr"] for group in optimizer.param_groups]
        self.iters = -1

    def step(self):
        self.iters = 1
        t = self.iters % self.period
        cos_out = 0.5 * (1.0 + math.cos(math.pi * t / self.period))
        factor = self.scale * (cos_out * (1.0 - self.eta_min) + self.eta_min)
        for group, lr in zip(self.optimizer.param_groups, self.base_lr):
            group["lr"] = lr * factor
        return [group["lr"] for group in self.optimizer.param_groups]

    def state_dict(self):
        return {"iters": self.iters, "base_lr": list(self.base_lr)}

    def load_state_dict(self, state):
        self.iters = state["iters"]
        self.base_lr = list(state["base_lr"])


def build_optimizer(model, lr=0.01, momentum=0.937, weight_decay=5e-4, period=30):
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        (no_decay if p.ndim <= 1 or name.endswith(".bias") else decay).append(p)
    opt = torch.optim.SGD(
        [
            {"params": decay, "weight_decay": weight_decay},
            {"params": no_decay, "weight_decay": 0.0},
        ],
        lr=lr,
        momentum=momentum,
        nesterov=True,
    )
    return opt, CosineRestartLR(opt, period=period)
