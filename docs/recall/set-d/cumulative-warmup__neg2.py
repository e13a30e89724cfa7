import math

import torch


class ExponentialWarmup:
    """Untuned exponential warm-up: omega = 1 - exp(-t / tau), applied on top of the base rate."""

    def __init__(self, optimizer, tau):
        self.optimizer = optimizer
        self.tau = tau
        self.last_step = 0
        self.lrs = [group["lr"] for group in optimizer.param_groups]
        self.dampen()

    def warmup_factor(self, step):
        return 1.0 - math.exp(-(step + 1) / self.tau)

    def dampen(self):
        omega = self.warmup_factor(self.last_step)
        for group, lr in zip(self.optimizer.param_groups, self.lrs):
            group["lr"] = lr
            group["lr"] *= omega

    def step(self):
        self.last_step += 1
        self.dampen()

    def state_dict(self):
        return {"last_step": self.last_step, "lrs": self.lrs}

    def load_state_dict(self, state):
        self.last_step = state["last_step"]
        self.lrs = state["lrs"]


def train(net, loader, n_epochs, lr=1e-3, beta2=0.999):
    opt = torch.optim.Adam(net.parameters(), lr=lr, betas=(0.9, beta2))
    warm = ExponentialWarmup(opt, tau=2.0 / (1.0 - beta2))
    for epoch in range(n_epochs):
        net.train()
        for src, tgt in loader:
            loss = net(src, tgt)
            opt.zero_grad()
            loss.backward()
            opt.step()
            warm.step()
