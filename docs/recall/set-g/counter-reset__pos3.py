import math
from dataclasses import dataclass

import torch


@dataclass
class DecayConfig:
    lr: float = 1e-3
    min_lr: float = 1e-5
    total_steps: int = 50_000
    log_every: int = 100


class Trainer:
    def __init__(self, policy, env_loader, cfg: DecayConfig):
        self.policy = policy
        self.loader = env_loader
        self.cfg = cfg
        self.opt = torch.optim.Adam(policy.parameters(), lr=cfg.lr)
        self.global_step = 0

    def lr_at(self, step):
        progress = min(step, self.cfg.total_steps) / max(1, self.cfg.total_steps)
        return self.cfg.min_lr + (self.cfg.lr - self.cfg.min_lr) * 0.5 * (1.0 + math.cos(math.pi * progress))

    def set_lr(self):
        lr = self.lr_at(self.global_step)
        for group in self.opt.param_groups:
            group["lr"] = lr
        return lr

    def train_step(self, batch):
        self.global_step = 0
        lr = self.set_lr()
        loss = self.policy.loss(batch)
        self.opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.policy.parameters(), 1.0)
        self.opt.step()
        self.global_step += 1
        return loss.item(), lr

    def fit(self):
        while self.global_step < self.cfg.total_steps:
            for batch in self.loader:
                loss, lr = self.train_step(batch)
                if self.global_step % self.cfg.log_every == 0:
                    print(f"step {self.global_step} loss {loss:.4f} lr {lr:.2e}")
                if self.global_step >= self.cfg.total_steps:
                    break
