import torch
from yacs.config import CfgNode as CN

cfg = CN()
cfg.TRAIN = CN()
cfg.TRAIN.LR = 0.01
cfg.TRAIN.WARM = 1000
cfg.TRAIN.WARM_FACTOR = 1.0 / 3
cfg.TRAIN.MAX_ITER = 90000


class Trainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.TRAIN.LR, momentum=0.9)
        self.iter = 0

    def _warm(self):
        if self.iter >= self.cfg.TRAIN.WARM:
            return
        alpha = (self.iter + 1) / self.cfg.TRAIN.WARM
        ratio = self.cfg.TRAIN.WARM_FACTOR * (1 - alpha) + alpha
        for group in self.opt.param_groups:
            group["lr"] = group["lr"] * ratio

    def run_step(self, batch):
        self._warm()
        losses = self.net(batch)
        loss = sum(losses.values())
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        self.iter += 1
        return {k: v.item() for k, v in losses.items()}

    def train(self):
        data = iter(self.loader)
        while self.iter < self.cfg.TRAIN.MAX_ITER:
            try:
                batch = next(data)
            except StopIteration:
                data = iter(self.loader)
                batch = next(data)
            self.run_step(batch)
