import torch


class PolyLR(object):
    def __init__(self, opt, max_iters, power=0.9, ramp_iters=0, ramp_ratio=0.1):
        self.opt = opt
        self.max_iters = max_iters
        self.power = power
        self.ramp_iters = ramp_iters
        self.ramp_ratio = ramp_ratio
        self.init_lrs = [g["lr"] for g in opt.param_groups]
        self.cur_iter = 0

    def get_lr(self):
        t = min(self.cur_iter, self.max_iters)
        if t < self.ramp_iters:
            alpha = t / self.ramp_iters
            k = self.ramp_ratio * (1 - alpha) + alpha
        else:
            k = (1 - t / self.max_iters) ** self.power
        return [lr * k for lr in self.init_lrs]

    def step(self):
        self.cur_iter += 1
        for g, lr in zip(self.opt.param_groups, self.get_lr()):
            g["lr"] = lr


def build_optimizer(net, cfg):
    backbone = [p for n, p in net.named_parameters() if n.startswith("backbone")]
    head = [p for n, p in net.named_parameters() if not n.startswith("backbone")]
    opt = torch.optim.SGD(
        [{"params": backbone, "lr": cfg.lr}, {"params": head, "lr": cfg.lr * 10}],
        lr=cfg.lr,
        momentum=0.9,
        weight_decay=cfg.weight_decay,
    )
    sched = PolyLR(opt, max_iters=cfg.max_iters, power=0.9, ramp_iters=cfg.ramp_iters)
    return opt, sched
