import math

import torch


class CosineRestarts:
    """SGDR-style cosine with restarts; cycle length grows by `mult` after each restart."""

    def __init__(self, opt, first_cycle, mult=2, eta_min=1e-6):
        self.opt = opt
        self.cycle = first_cycle
        self.mult = mult
        self.eta_min = eta_min
        self.base = [pg["lr"] for pg in opt.param_groups]
        self.t_cur = 0
        self.n_restarts = 0

    def step(self):
        self.t_cur += 1
        if self.t_cur >= self.cycle:
            self.t_cur = 0
            self.cycle *= self.mult
            self.n_restarts += 1
        k = 0.5 * (1.0 + math.cos(math.pi * self.t_cur / self.cycle))
        for pg, b in zip(self.opt.param_groups, self.base):
            pg["lr"] = self.eta_min + (b - self.eta_min) * k

    def state_dict(self):
        return {"cycle": self.cycle, "t_cur": self.t_cur, "n_restarts": self.n_restarts}

    def load_state_dict(self, sd):
        self.cycle = sd["cycle"]
        self.t_cur = sd["t_cur"]
        self.n_restarts = sd["n_restarts"]


class Trainer:
    def __init__(self, policy, loader, lr=1e-3, first_cycle=10):
        self.policy = policy
        self.loader = loader
        self.opt = torch.optim.Adam(policy.parameters(), lr=lr)
        self.sched = CosineRestarts(self.opt, first_cycle=first_cycle)

    def train_epoch(self):
        self.policy.train()
        total = 0.0
        for obs, target in self.loader:
            loss = torch.nn.functional.smooth_l1_loss(self.policy(obs), target)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            total += loss.item()
        self.sched.step()
        return total / max(1, len(self.loader))
