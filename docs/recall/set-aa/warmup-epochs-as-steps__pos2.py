import math

import torch
from torch.optim.lr_scheduler import LambdaLR


class Trainer:
    def __init__(self, net, loader, cfg):
        self.net = net.cuda()
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.TRAIN.BASE_LR, momentum=0.9,
                                   weight_decay=cfg.TRAIN.WD)
        self.max_iter = cfg.TRAIN.EPOCHS * len(loader)
        self.warm = cfg.TRAIN.WARMUP_EPOCHS
        self.sched = LambdaLR(self.opt, lr_lambda=self._factor)

    def _factor(self, it):
        if it < self.warm:
            return 0.001 + (1 - 0.001) * (it + 1) / self.warm
        t = (it - self.warm) / max(1, self.max_iter - self.warm)
        return 0.5 * (1 + math.cos(math.pi * min(t, 1.0)))

    def train(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            self.net.train()
            for it, (images, targets) in enumerate(self.loader):
                images = images.cuda(non_blocking=True)
                targets = [t.cuda(non_blocking=True) for t in targets]
                losses = self.net(images, targets)
                loss = sum(losses.values())
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
                self.sched.step()
                if it % 20 == 0:
                    print(f"epoch {epoch} iter {it} loss {loss.item():.3f} lr {self.sched.get_last_lr()[0]:.5f}")
            torch.save({"model": self.net.state_dict(), "optimizer": self.opt.state_dict(),
                        "scheduler": self.sched.state_dict(), "epoch": epoch},
                       f"{self.cfg.OUTPUT_DIR}/last.pth")
