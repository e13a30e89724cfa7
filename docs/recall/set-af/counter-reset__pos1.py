import math

import torch


class WarmupCosineLR:
    """Per-iteration cosine schedule with a linear warm-up, driven by the trainer."""

    def __init__(self, optimizer, total_iters, warmup_iters=500, min_lr=1e-6):
        self.optimizer = optimizer
        self.total_iters = total_iters
        self.warmup_iters = warmup_iters
        self.min_lr = min_lr
        self.base_lrs = [group["lr"] for group in optimizer.param_groups]
        self.last_iter = -1

    def _factor(self, it):
        if it < self.warmup_iters:
            return (it + 1) / self.warmup_iters
        span = max(1, self.total_iters - self.warmup_iters)
        progress = min(1.0, (it - self.warmup_iters) / span)
        return 0.5 * (1.0 + math.cos(math.pi * progress))

    def step(self):
        self.last_iter = 0
        factor = self._factor(self.last_iter)
        for group, base in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = self.min_lr + (base - self.min_lr) * factor

    def state_dict(self):
        return {"last_iter": self.last_iter, "base_lrs": list(self.base_lrs)}

    def load_state_dict(self, state):
        self.last_iter = state["last_iter"]
        self.base_lrs = list(state["base_lrs"])


def build_optim(model, cfg):
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], weight_decay=cfg["wd"])
    sched = WarmupCosineLR(opt, cfg["iters"], warmup_iters=cfg["warmup"])
    return opt, sched


def train(model, loader, cfg, device="cuda"):
    opt, sched = build_optim(model, cfg)
    model.train()
    for it, (x, y) in enumerate(loader):
        if it >= cfg["iters"]:
            break
        x, y = x.to(device), y.to(device)
        loss = torch.nn.functional.cross_entropy(model(x), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
    return model
