from torch.optim.lr_scheduler import CosineAnnealingLR


class GradualWarmup:
    """Ramp the learning rate up linearly for `warm_epochs`, then hand over to `after`."""

    def __init__(self, optim, target_lr, warm_epochs, after):
        self.optim = optim
        self.target_lr = target_lr
        self.warm_epochs = warm_epochs
        self.after = after
        self.epoch = 0
        self._set(self.target_lr / (self.warm_epochs + 1))

    def _set(self, lr):
        for pg in self.optim.param_groups:
            pg["lr"] = lr

    def step(self):
        self.epoch += 1
        if self.epoch <= self.warm_epochs:
            self._set(self.target_lr * (self.epoch + 1) / (self.warm_epochs + 1))
        else:
            self.after.step()

    def current_lr(self):
        return self.optim.param_groups[0]["lr"]


def make_schedule(optim, hp):
    cosine = CosineAnnealingLR(optim, T_max=max(1, hp["epochs"] - hp["ramp"]), eta_min=hp["min_lr"])
    return GradualWarmup(optim, hp["lr"], hp["ramp"], cosine)
