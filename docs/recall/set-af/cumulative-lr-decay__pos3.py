import math

import torch
import torch.nn.functional as F


class SegTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        params = [
            {"params": net.backbone.parameters(), "lr": cfg.TRAIN.LR * 0.1},
            {"params": net.head.parameters(), "lr": cfg.TRAIN.LR},
        ]
        self.opt = torch.optim.SGD(params, momentum=0.9, weight_decay=cfg.TRAIN.WD)
        self.group_lrs = [g["lr"] for g in self.opt.param_groups]

    def _decay(self, epoch):
        return 0.5 * (1.0 + math.cos(math.pi * epoch / self.cfg.TRAIN.EPOCHS))

    def _set_lr(self, epoch):
        for i, g in enumerate(self.opt.param_groups):
            self.group_lrs[i] = self.group_lrs[i] * self._decay(epoch)
            g["lr"] = self.group_lrs[i]

    def run(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            self._set_lr(epoch)
            self.net.train()
            for img, mask in self.loader:
                img, mask = img.cuda(), mask.cuda()
                logits = self.net(img)
                loss = F.cross_entropy(logits, mask, ignore_index=255)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            print(epoch, [round(lr, 6) for lr in self.group_lrs])
