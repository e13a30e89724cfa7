import torch
from torch import nn


class RegressionTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net.cuda()
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg.TRAIN.LR)
        self.loss_fn = nn.SmoothL1Loss()
        self.iteration = 0

    def _update(self, loss):
        loss.backward()
        if self.cfg.TRAIN.CLIP > 0:
            nn.utils.clip_grad_norm_(self.net.parameters(), self.cfg.TRAIN.CLIP)
        self.opt.step()

    def run(self):
        self.net.train()
        data_iter = iter(self.loader)
        while self.iteration < self.cfg.TRAIN.MAX_ITER:
            try:
                feats, target = next(data_iter)
            except StopIteration:
                data_iter = iter(self.loader)
                feats, target = next(data_iter)
            pred = self.net(feats.cuda())
            loss = self.loss_fn(pred, target.cuda())
            self._update(loss)
            self.iteration += 1
            if self.iteration % self.cfg.LOG_PERIOD == 0:
                print(f"it {self.iteration}: loss {loss.item():.5f}")
