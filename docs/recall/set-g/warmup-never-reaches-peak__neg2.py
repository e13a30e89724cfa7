import torch
from torch.optim.lr_scheduler import LambdaLR


class Trainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.TRAIN.LR, momentum=0.9, weight_decay=1e-4)
        self.sched = LambdaLR(self.opt, lr_lambda=self._factor)

    def _factor(self, epoch):
        warm = self.cfg.TRAIN.WARM
        scale = min(1.0, (epoch + 1) / warm) if warm > 0 else 1.0
        decay = 0.1 ** sum(epoch >= m for m in self.cfg.TRAIN.STEPS)
        return scale * decay

    def train_epoch(self):
        self.net.train()
        for i, (imgs, labels) in enumerate(self.loader):
            loss = self.net(imgs, labels)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
        self.sched.step()

    def fit(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            self.train_epoch()
            print(f"epoch {epoch}: lr {self.sched.get_last_lr()[0]:.5f}")
