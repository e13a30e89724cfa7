import math

import torch
from torch import nn


class Trainer:
    def __init__(self, net: nn.Module, loader, cfg):
        self.net = net
        self.loader = loader
        self.max_lr = cfg.TRAIN.BASE_LR
        self.min_lr = cfg.TRAIN.MIN_LR
        self.epochs = cfg.TRAIN.EPOCHS
        self.total_iters = max(1, self.epochs * len(loader))
        self.opt = torch.optim.SGD(net.parameters(), lr=self.max_lr, momentum=0.9, weight_decay=cfg.TRAIN.WD)
        self.loss_fn = nn.CrossEntropyLoss(ignore_index=255)
        self.cur_iter = 0

    def _lr(self):
        progress = min(1.0, self.cur_iter / self.total_iters)
        return self.min_lr + 0.5 * (self.max_lr - self.min_lr) * (1 + math.cos(math.pi * progress))

    def _step_lr(self):
        lr = self._lr()
        for g in self.opt.param_groups:
            g["lr"] = lr
        return lr

    def train_epoch(self, epoch):
        self.net.train()
        for images, labels in self.loader:
            lr = self._step_lr()
            images, labels = images.cuda(), labels.cuda()
            logits = self.net(images)
            loss = self.loss_fn(logits, labels)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            self.cur_iter += 1
        print(f"epoch {epoch} lr {lr:.5f} loss {loss.item():.4f}")

    def fit(self):
        for epoch in range(self.epochs):
            self.train_epoch(epoch)
