import math

import torch


class CosineRestarts:
    """SGDR-style schedule: cosine decay that restarts every ``cycle`` steps,
    with each new cycle ``cycle_mult`` times longer than the last."""

    def __init__(self, optimizer, cycle, cycle_mult=2, lr_floor=1e-5):
        assert cycle > 0, "cycle length must be positive"
        self.optimizer = optimizer
        self.cycle = int(cycle)
        self.cycle_mult = int(cycle_mult)
        self.lr_floor = lr_floor
        self.peak_lrs = [pg["lr"] for pg in optimizer.param_groups]
        self.t_cur = 0
        self.n_restarts = 0

    def step(self):
        self.t_cur += 1
        if self.t_cur >= self.cycle:
            self.t_cur = 0
            self.cycle *= self.cycle_mult
            self.n_restarts += 1
        cos_out = 0.5 * (1.0 + math.cos(math.pi * self.t_cur / self.cycle))
        for pg, peak in zip(self.optimizer.param_groups, self.peak_lrs):
            pg["lr"] = self.lr_floor + (peak - self.lr_floor) * cos_out

    def state_dict(self):
        return {k: v for k, v in self.__dict__.items() if k != "optimizer"}

    def load_state_dict(self, state):
        self.__dict__.update(state)


def train(policy, loader, epochs, lr=1e-3):
    opt = torch.optim.Adam(policy.parameters(), lr=lr)
    sched = CosineRestarts(opt, cycle=len(loader) * 5)
    for epoch in range(epochs):
        policy.train()
        for obs, target in loader:
            loss = torch.nn.functional.mse_loss(policy(obs), target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(epoch, opt.param_groups[0]["lr"], sched.n_restarts)
