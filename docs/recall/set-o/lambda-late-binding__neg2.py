import functools

import torch
from torch.optim.lr_scheduler import LambdaLR


def exp_decay(epoch, rate):
    return rate ** epoch


class MultiTaskTrainer:
    def __init__(self, net, loaders, cfg):
        self.net = net.cuda()
        self.loaders = loaders
        self.cfg = cfg
        self.opt = torch.optim.SGD(
            [{"params": getattr(net, f"{task}_head").parameters()} for task in cfg.tasks]
            + [{"params": net.trunk.parameters()}],
            lr=cfg.lr, momentum=0.9,
        )
        rates = [cfg.task_decay[task] for task in cfg.tasks] + [cfg.trunk_decay]
        fns = []
        for rate in rates:
            fns.append(functools.partial(exp_decay, rate=rate))
        self.sched = LambdaLR(self.opt, lr_lambda=fns)

    def train(self):
        for epoch in range(self.cfg.epochs):
            self.net.train()
            for batches in zip(*[self.loaders[t] for t in self.cfg.tasks]):
                loss = sum(self.net.task_loss(t, x.cuda(), y.cuda())
                           for t, (x, y) in zip(self.cfg.tasks, batches))
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            self.sched.step()
            print(epoch, loss.item(), [round(lr, 6) for lr in self.sched.get_last_lr()])
