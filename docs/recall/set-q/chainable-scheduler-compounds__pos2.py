import torch
from torch.optim.lr_scheduler import ExponentialLR


class WarmExponential(ExponentialLR):
    """Exponential decay, with the first `warmup_epochs` scaled by a linear ramp."""

    def __init__(self, optimizer, gamma, warmup_epochs=5, last_epoch=-1):
        self.warmup_epochs = warmup_epochs
        super(WarmExponential, self).__init__(optimizer, gamma, last_epoch=last_epoch)

    def get_lr(self):
        lrs = super(WarmExponential, self).get_lr()
        if self.last_epoch < self.warmup_epochs:
            ramp = (self.last_epoch + 1) / self.warmup_epochs
            return [ramp * lr for lr in lrs]
        return lrs


def main(args, net, loader):
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, weight_decay=args.wd)
    lr_sched = WarmExponential(opt, gamma=args.gamma, warmup_epochs=args.warmup_epochs)
    for epoch in range(args.epochs):
        net.train()
        for x, y in loader:
            opt.zero_grad()
            loss = torch.nn.functional.nll_loss(net(x), y)
            loss.backward()
            opt.step()
        lr_sched.step()
