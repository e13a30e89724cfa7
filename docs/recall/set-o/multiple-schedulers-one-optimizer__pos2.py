import torch
from torch import nn
from torch.optim.lr_scheduler import LambdaLR, MultiStepLR


class DetTrainer:
    def __init__(self, net, train_loader, cfg):
        self.net = net.cuda()
        self.train_loader = train_loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(self.net.parameters(), lr=cfg.TRAIN.LR, momentum=0.9,
                                   weight_decay=cfg.TRAIN.WD)
        warm_iters = max(1, cfg.TRAIN.WARM_ITERS)
        self.warm_sched = LambdaLR(self.opt, lambda it: min(1.0, (it + 1) / warm_iters))
        self.decay_sched = MultiStepLR(self.opt, milestones=cfg.TRAIN.STEPS, gamma=0.1)

    def train_epoch(self, epoch):
        self.net.train()
        meter = 0.0
        for i, (imgs, targets) in enumerate(self.train_loader):
            imgs = imgs.cuda(non_blocking=True)
            targets = [t.cuda(non_blocking=True) for t in targets]
            loss_dict = self.net(imgs, targets)
            loss = sum(loss_dict.values())
            self.opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(self.net.parameters(), 35.0)
            self.opt.step()
            self.warm_sched.step()
            meter += loss.item()
            if i % self.cfg.LOG_EVERY == 0:
                print(f"ep {epoch} it {i} loss {meter / (i + 1):.4f}")

    def train(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            self.train_epoch(epoch)
            self.decay_sched.step()
            torch.save({"net": self.net.state_dict(), "epoch": epoch},
                       f"{self.cfg.OUT}/epoch_{epoch}.pth")
