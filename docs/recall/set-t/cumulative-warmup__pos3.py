import torch
import torch.nn as nn


class Trainer:
    def __init__(self, net, cfg, loader):
        self.net = net
        self.cfg = cfg
        self.loader = loader
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.TRAIN.LR, momentum=0.9,
                                   weight_decay=cfg.TRAIN.WD)
        self.criterion = nn.CrossEntropyLoss(ignore_index=255)
        self.it = 0

    def _warmup(self):
        W = self.cfg.TRAIN.WARM
        if self.it >= W:
            return
        alpha = self.it / W
        factor = self.cfg.TRAIN.WARM_FACTOR * (1 - alpha) + alpha
        for g in self.opt.param_groups:
            g["lr"] = factor * g["lr"]

    def run_epoch(self):
        self.net.train()
        for img, mask in self.loader:
            self._warmup()
            out = self.net(img.cuda())
            loss = self.criterion(out, mask.cuda())
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            self.it += 1

    def fit(self):
        for _ in range(self.cfg.TRAIN.EPOCHS):
            self.run_epoch()
