import torch
from torch.optim.lr_scheduler import StepLR


class RampStepLR(StepLR):
    def __init__(self, optimizer, step_size, gamma=0.5, ramp_epochs=5, start_ratio=0.1, last_epoch=-1):
        self.ramp_epochs = ramp_epochs
        self.start_ratio = start_ratio
        super().__init__(optimizer, step_size=step_size, gamma=gamma, last_epoch=last_epoch)

    def _ramp(self):
        if self.ramp_epochs <= 0 or self.last_epoch >= self.ramp_epochs:
            return 1.0
        frac = (self.last_epoch + 1) / self.ramp_epochs
        return self.start_ratio + (1.0 - self.start_ratio) * frac

    def get_lr(self):
        ramp = self._ramp()
        stepped = super(RampStepLR, self).get_lr()
        return [ramp * lr for lr in stepped]


class Trainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.Adam(net.parameters(), lr=cfg["lr"])
        self.lr_sched = RampStepLR(self.opt, step_size=cfg["step"], ramp_epochs=cfg["ramp"])

    def fit(self):
        for epoch in range(self.cfg["epochs"]):
            for batch in self.loader:
                loss = self.net(batch)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            self.lr_sched.step()
