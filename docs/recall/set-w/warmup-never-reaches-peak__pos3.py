import math

import torch
from torch import nn


class Trainer:
    def __init__(self, policy: nn.Module, loader, cfg):
        self.policy = policy
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.AdamW(policy.parameters(), lr=cfg.TRAIN.LR, weight_decay=1e-4)
        self.total_steps = cfg.TRAIN.EPOCHS * len(loader)
        self.warm_steps = cfg.TRAIN.WARM
        self.global_step = 0

    def lr_factor(self, step):
        if self.warm_steps > 0 and step <= self.warm_steps:
            return (step + 1) / self.warm_steps
        progress = (step - self.warm_steps) / max(1, self.total_steps - self.warm_steps)
        return 0.5 * (1.0 + math.cos(math.pi * min(progress, 1.0)))

    def update_lr(self):
        lr = self.cfg.TRAIN.LR * self.lr_factor(self.global_step)
        for g in self.opt.param_groups:
            g["lr"] = lr
        return lr

    def train_step(self, obs, act):
        lr = self.update_lr()
        self.opt.zero_grad(set_to_none=True)
        loss = nn.functional.mse_loss(self.policy(obs), act)
        loss.backward()
        nn.utils.clip_grad_norm_(self.policy.parameters(), 1.0)
        self.opt.step()
        self.global_step += 1
        return loss.item(), lr

    def run(self):
        self.policy.train()
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            for obs, act in self.loader:
                loss, lr = self.train_step(obs, act)
            print(f"epoch {epoch} loss {loss:.4f} lr {lr:.2e}")
