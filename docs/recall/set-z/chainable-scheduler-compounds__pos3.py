import torch
from torch.optim import lr_scheduler


class ScaledExponentialLR(lr_scheduler.ExponentialLR):
    """Exponential decay whose amplitude follows a per-phase multiplier (e.g. 1.0, then 0.5 after unfreezing)."""

    def __init__(self, optimizer, gamma, phase_scale, last_epoch=-1):
        self.phase_scale = phase_scale
        self.phase = 0
        super().__init__(optimizer, gamma, last_epoch)

    def set_phase(self, phase):
        self.phase = phase

    def get_lr(self):
        mult = self.phase_scale[self.phase]
        return [mult * lr for lr in super().get_lr()]


class FineTuner:
    def __init__(self, net, loader, args):
        self.net = net
        self.loader = loader
        self.args = args
        self.opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9)
        self.sched = ScaledExponentialLR(self.opt, gamma=args.gamma, phase_scale=(1.0, 0.5))

    def run(self):
        for epoch in range(self.args.epochs):
            if epoch == self.args.unfreeze_at:
                self.net.unfreeze_backbone()
                self.sched.set_phase(1)
            self.net.train()
            for x, y in self.loader:
                loss = torch.nn.functional.cross_entropy(self.net(x), y)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            self.sched.step()
