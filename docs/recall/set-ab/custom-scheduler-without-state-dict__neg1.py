import math


class CosineWithRestarts:
    """Cosine schedule restarted every `period` epochs, period multiplied by `mult`."""

    def __init__(self, optimizer, period, mult=2, eta_min=0.0):
        self.optimizer = optimizer
        self.period = period
        self.mult = mult
        self.eta_min = eta_min
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.cycle_len = period
        self.t_cur = 0
        self.last_epoch = 0

    def step(self):
        self.last_epoch += 1
        self.t_cur += 1
        if self.t_cur >= self.cycle_len:
            self.t_cur = 0
            self.cycle_len *= self.mult
        cos = 0.5 * (1.0 + math.cos(math.pi * self.t_cur / self.cycle_len))
        for g, base in zip(self.optimizer.param_groups, self.base_lrs):
            g["lr"] = self.eta_min + (base - self.eta_min) * cos

    def get_last_lr(self):
        return [g["lr"] for g in self.optimizer.param_groups]

    def state_dict(self):
        return {k: v for k, v in self.__dict__.items() if k != "optimizer"}

    def load_state_dict(self, state):
        self.__dict__.update(state)


def checkpoint(model, optimizer, scheduler, epoch):
    return {
        "epoch": epoch,
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "scheduler": scheduler.state_dict(),
    }
