import torch
from torch.optim.lr_scheduler import ExponentialLR


class WarmupExponentialLR(ExponentialLR):
    def __init__(self, optimizer, gamma, warm=5, start_factor=0.1, last_epoch=-1):
        self.warm = warm
        self.start_factor = start_factor
        super(WarmupExponentialLR, self).__init__(optimizer, gamma, last_epoch)

    def _warm_factor(self):
        if self.last_epoch >= self.warm:
            return 1.0
        alpha = (self.last_epoch + 1) / self.warm
        return self.start_factor + (1.0 - self.start_factor) * alpha

    def get_lr(self):
        factor = self._warm_factor()
        return [base * factor for base in super(WarmupExponentialLR, self).get_lr()]


def make_scheduler(opt, cfg):
    return WarmupExponentialLR(opt, gamma=cfg.SOLVER.GAMMA, warm=cfg.SOLVER.WARMUP_EPOCHS,
                               start_factor=cfg.SOLVER.WARMUP_FACTOR)


def run(net, loader, cfg, train_step):
    opt = torch.optim.SGD(net.parameters(), lr=cfg.SOLVER.BASE_LR, momentum=0.9)
    sched = make_scheduler(opt, cfg)
    for epoch in range(cfg.SOLVER.MAX_EPOCHS):
        for batch in loader:
            loss = train_step(net, batch)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
    return net
