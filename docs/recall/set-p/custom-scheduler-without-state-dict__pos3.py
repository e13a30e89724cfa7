from bisect import bisect_right

import torch


class StepWithWarmup:
    """Epoch-level schedule: linear ramp for cfg.TRAIN.WARM epochs, then step decay."""

    def __init__(self, opt, cfg):
        self.opt = opt
        self.warm = cfg.TRAIN.WARM
        self.steps = sorted(cfg.TRAIN.STEPS)
        self.gamma = cfg.TRAIN.GAMMA
        self.base = [g["lr"] for g in opt.param_groups]
        self.epoch = 0
        self._set(self.lr_factor(0))

    def lr_factor(self, epoch):
        if epoch < self.warm:
            return (epoch + 1) / self.warm
        return self.gamma ** bisect_right(self.steps, epoch)

    def _set(self, factor):
        for g, b in zip(self.opt.param_groups, self.base):
            g["lr"] = b * factor

    def step(self):
        self.epoch += 1
        self._set(self.lr_factor(self.epoch))

    def current(self):
        return self.opt.param_groups[0]["lr"]


def run(cfg, model, train_loader, loss_fn):
    opt = torch.optim.SGD(model.parameters(), lr=cfg.TRAIN.LR, momentum=0.9)
    schedule = StepWithWarmup(opt, cfg)
    for epoch in range(cfg.TRAIN.EPOCHS):
        model.train()
        for batch in train_loader:
            opt.zero_grad()
            loss = loss_fn(model, batch)
            loss.backward()
            opt.step()
        schedule.step()
        print(f"epoch {epoch}: lr {schedule.current():.5f}")
