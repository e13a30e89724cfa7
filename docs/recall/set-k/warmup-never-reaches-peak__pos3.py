import math

import torch
from torch.optim.lr_scheduler import LambdaLR


class Trainer:
    def __init__(self, net, loader, cfg):
        assert cfg.TRAIN.WARM > 0, "warm-up length must be positive"
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.total = max(1, cfg.TRAIN.EPOCHS * len(loader))
        self.opt = torch.optim.AdamW(net.parameters(), lr=cfg.TRAIN.LR, weight_decay=cfg.TRAIN.WD)
        self.lr_sched = LambdaLR(self.opt, lr_lambda=self._factor)

    def _factor(self, it):
        ramp = (it + 1) / self.cfg.TRAIN.WARM
        cosine = 0.5 * (1.0 + math.cos(math.pi * min(it, self.total) / self.total))
        return ramp * cosine

    def _train_step(self, batch):
        imgs, targets = (t.cuda(non_blocking=True) for t in batch)
        loss = self.net(imgs, targets)["loss"]
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        self.lr_sched.step()
        return loss.item()

    def run(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            self.net.train()
            losses = [self._train_step(b) for b in self.loader]
            print(f"epoch {epoch} loss {sum(losses) / max(1, len(losses)):.4f} lr {self.lr_sched.get_last_lr()[0]:.2e}")
