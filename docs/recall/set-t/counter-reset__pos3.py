import numpy as np
import torch
import torch.nn as nn


class Trainer:
    def __init__(self, policy, cfg, loader):
        self.policy = policy
        self.cfg = cfg
        self.loader = loader
        self.opt = torch.optim.Adam(policy.parameters(), lr=cfg.TRAIN.LR)
        self.loss_fn = nn.SmoothL1Loss()
        self.updates = 0
        self.warm_updates = max(cfg.TRAIN.WARM * len(loader), 100)
        for g in self.opt.param_groups:
            g["initial_lr"] = g["lr"]

    def _ramp(self):
        if self.updates < self.warm_updates:
            xi = [0, self.warm_updates]
            for g in self.opt.param_groups:
                g["lr"] = float(np.interp(self.updates, xi, [0.1 * g["initial_lr"], g["initial_lr"]]))

    def train_batch(self, obs, target):
        self.updates = 0
        self._ramp()
        pred = self.policy(obs)
        loss = self.loss_fn(pred, target)
        self.opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(self.policy.parameters(), 10.0)
        self.opt.step()
        self.updates += 1
        return loss.item()

    def train_epoch(self):
        self.policy.train()
        total = 0.0
        for obs, target in self.loader:
            total += self.train_batch(obs, target)
        return total / len(self.loader)
