from types import SimpleNamespace

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import MultiStepLR

DEFAULTS = SimpleNamespace(
    LOG_PERIOD=50,
    TRAIN=SimpleNamespace(
        BASE_LR=0.1,
        MOMENTUM=0.9,
        WEIGHT_DECAY=1e-4,
        MAX_EPOCH=90,
        MILESTONES=(30, 60, 80),
    ),
)


class Trainer:
    def __init__(self, cfg, net, train_loader, val_loader):
        self.cfg = cfg
        self.net = net.cuda()
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.opt = torch.optim.SGD(
            self.net.parameters(),
            lr=cfg.TRAIN.BASE_LR,
            momentum=cfg.TRAIN.MOMENTUM,
            weight_decay=cfg.TRAIN.WEIGHT_DECAY,
        )
        self.lr_sched = MultiStepLR(self.opt, milestones=list(cfg.TRAIN.MILESTONES), gamma=0.1)
        self.global_step = 0

    def _train_step(self, images, targets):
        images = images.cuda(non_blocking=True)
        targets = targets.cuda(non_blocking=True)
        loss = F.cross_entropy(self.net(images), targets, label_smoothing=0.1)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        self.lr_sched.step()
        self.global_step += 1
        return loss.item()

    def train_epoch(self, epoch):
        self.net.train()
        total = 0.0
        for i, (images, targets) in enumerate(self.train_loader):
            total += self._train_step(images, targets)
            if i % self.cfg.LOG_PERIOD == 0:
                print(f"[{epoch}][{i}/{len(self.train_loader)}] loss {total / (i + 1):.4f}")
        return total / len(self.train_loader)

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        hits, n = 0, 0
        for images, targets in self.val_loader:
            out = self.net(images.cuda(non_blocking=True))
            hits += (out.argmax(1).cpu() == targets).sum().item()
            n += targets.numel()
        self.net.train()
        return hits / n

    def fit(self):
        for epoch in range(self.cfg.TRAIN.MAX_EPOCH):
            self.train_epoch(epoch)
            acc = self.validate()
            print(f"epoch {epoch}: top1 {acc:.4f}")
