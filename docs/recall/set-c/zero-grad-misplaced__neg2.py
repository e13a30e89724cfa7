import torch
from torch import nn


class RegressionTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net.cuda()
        self.loader = loader
        self.cfg = cfg
        self.accum = max(1, cfg.TRAIN.ACCUM_STEPS)
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg.TRAIN.LR)
        self.loss_fn = nn.SmoothL1Loss()

    def _update(self):
        if self.cfg.TRAIN.CLIP > 0:
            nn.utils.clip_grad_norm_(self.net.parameters(), self.cfg.TRAIN.CLIP)
        self.opt.step()
        self.opt.zero_grad(set_to_none=True)

    def train_epoch(self, epoch):
        self.net.train()
        self.opt.zero_grad(set_to_none=True)
        for i, (feats, target) in enumerate(self.loader):
            pred = self.net(feats.cuda())
            loss = self.loss_fn(pred, target.cuda()) / self.accum
            loss.backward()
            if (i + 1) % self.accum == 0:
                self._update()
            if i % self.cfg.LOG_PERIOD == 0:
                print(f"epoch {epoch} it {i}: loss {loss.item() * self.accum:.5f}")
