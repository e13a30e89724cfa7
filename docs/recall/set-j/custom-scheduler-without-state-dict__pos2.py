"""Polynomial learning-rate policy used by the segmentation trainer."""
import torch


class PolyLR(object):
    def __init__(self, opt, max_iter, power=0.9, floor=0.0):
        self.opt = opt
        self.max_iter = max_iter
        self.power = power
        self.floor = floor
        self.initial = [pg["lr"] for pg in opt.param_groups]
        self.cur_iter = 0

    def factor(self):
        remaining = max(0.0, 1.0 - self.cur_iter / self.max_iter)
        return remaining ** self.power

    def step(self):
        self.cur_iter += 1
        f = self.factor()
        for pg, lr0 in zip(self.opt.param_groups, self.initial):
            pg["lr"] = max(self.floor, lr0 * f)

    def last_lr(self):
        return [pg["lr"] for pg in self.opt.param_groups]


def make_solver(net, cfg):
    head_params = [p for n, p in net.named_parameters() if not n.startswith("backbone.")]
    body_params = [p for n, p in net.named_parameters() if n.startswith("backbone.")]
    opt = torch.optim.SGD(
        [
            {"params": body_params, "lr": cfg.SOLVER.BASE_LR},
            {"params": head_params, "lr": cfg.SOLVER.BASE_LR * 10},
        ],
        momentum=0.9,
        weight_decay=cfg.SOLVER.WEIGHT_DECAY,
    )
    poly = PolyLR(opt, max_iter=cfg.SOLVER.MAX_ITER, power=cfg.SOLVER.POWER)
    return opt, poly
