import math

import torch
from torch import nn

hp = {
    "lr": 2e-3,
    "epochs": 50,
    "weight_decay": 0.05,
    "log_every": 200,
}


class Trainer:
    def __init__(self, policy: nn.Module, loader, hp):
        self.policy = policy
        self.loader = loader
        self.hp = dict(hp)
        self.opt = torch.optim.Adam(policy.parameters(), lr=self.hp["lr"], weight_decay=self.hp["weight_decay"])
        self.crit = nn.SmoothL1Loss()

    def _update_lr(self, ep):
        self.hp["lr"] *= 0.5 * (1.0 + math.cos(math.pi * ep / self.hp["epochs"]))
        for group in self.opt.param_groups:
            group["lr"] = self.hp["lr"]

    def _train_epoch(self, ep):
        self.policy.train()
        total, n = 0.0, 0
        for step, (obs, act) in enumerate(self.loader):
            obs, act = obs.cuda(), act.cuda()
            pred = self.policy(obs)
            loss = self.crit(pred, act)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            total += loss.item()
            n += 1
            if step % self.hp["log_every"] == 0:
                print(f"ep {ep} step {step} loss {loss.item():.4f}")
        return total / max(1, n)

    def fit(self):
        for ep in range(self.hp["epochs"]):
            self._update_lr(ep)
            avg = self._train_epoch(ep)
            print(f"ep {ep} avg loss {avg:.4f} lr {self.opt.param_groups[0]['lr']:.2e}")
