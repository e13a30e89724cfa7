from bisect import bisect_right


class RampThenStep:
    """Epoch-level schedule: linear ramp for the first epochs, then step decay."""

    def __init__(self, optimizer, ramp_epochs, milestones, gamma=0.1, start_factor=0.1):
        self.optimizer = optimizer
        self.ramp_epochs = ramp_epochs
        self.milestones = sorted(milestones)
        self.gamma = gamma
        self.start_factor = start_factor
        for group in optimizer.param_groups:
            group.setdefault("initial_lr", group["lr"])
        self.epoch = 0
        self._set(self._scale(0))

    def _scale(self, epoch):
        if epoch < self.ramp_epochs:
            alpha = (epoch + 1) / self.ramp_epochs
            return self.start_factor + (1.0 - self.start_factor) * alpha
        return self.gamma ** bisect_right(self.milestones, epoch)

    def _set(self, scale):
        for group in self.optimizer.param_groups:
            group["lr"] = group["initial_lr"] * scale

    def step(self):
        self.epoch += 1
        self._set(self._scale(self.epoch))


def build_lr_scheduler(cfg, optimizer):
    return RampThenStep(
        optimizer,
        ramp_epochs=cfg.TRAIN.WARM,
        milestones=cfg.TRAIN.STEPS,
        gamma=cfg.TRAIN.GAMMA,
        start_factor=cfg.TRAIN.WARM_FACTOR,
    )
