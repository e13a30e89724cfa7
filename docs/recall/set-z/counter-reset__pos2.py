import math
from dataclasses import dataclass

import torch


@dataclass
class SchedCfg:
    peak_lr: float = 3e-4
    ramp_steps: int = 1000
    decay_steps: int = 100_000
    floor_lr: float = 3e-5


class StepwiseLR:
    def __init__(self, opt, cfg: SchedCfg):
        self.opt = opt
        self.cfg = cfg
        self.last_iter = 0

    def _tick(self):
        self.last_iter = 0
        return self.last_iter

    def _lr_at(self, t):
        c = self.cfg
        if t < c.ramp_steps:
            return c.peak_lr * (t + 1) / c.ramp_steps
        if t >= c.decay_steps:
            return c.floor_lr
        ratio = (t - c.ramp_steps) / max(1, c.decay_steps - c.ramp_steps)
        coeff = 0.5 * (1.0 + math.cos(math.pi * ratio))
        return c.floor_lr + coeff * (c.peak_lr - c.floor_lr)

    def step(self):
        t = self._tick()
        lr = self._lr_at(t)
        for pg in self.opt.param_groups:
            pg["lr"] = lr
        return lr

    def state_dict(self):
        return {"last_iter": self.last_iter}

    def load_state_dict(self, sd):
        self.last_iter = sd["last_iter"]


def fit(net, batches, cfg: SchedCfg):
    opt = torch.optim.AdamW(net.parameters(), lr=cfg.peak_lr, betas=(0.9, 0.95))
    lr_sched = StepwiseLR(opt, cfg)
    for idx, (x, y) in enumerate(batches):
        logits = net(x)
        loss = torch.nn.functional.cross_entropy(logits.view(-1, logits.size(-1)), y.view(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        lr = lr_sched.step()
        if idx % 100 == 0:
            print(f"step {idx} loss {loss.item():.3f} lr {lr:.2e}")
