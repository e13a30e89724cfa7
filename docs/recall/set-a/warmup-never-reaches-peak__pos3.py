import math

import torch
from torch.optim.lr_scheduler import LambdaLR


class DetTrainer:
    def __init__(self, net, cfg, device="cuda"):
        self.net = net.to(device)
        self.device = device
        self.total_epochs = cfg.epochs
        self.warm_epochs = cfg.warm_epochs
        self.final_ratio = cfg.final_ratio
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=1e-4)
        self.sched = LambdaLR(self.opt, lr_lambda=self.lr_factor)

    def lr_factor(self, epoch):
        if self.warm_epochs > 0 and epoch <= self.warm_epochs:
            return (epoch + 1) / self.warm_epochs
        progress = min(1.0, (epoch - self.warm_epochs) / max(1, self.total_epochs - self.warm_epochs))
        return self.final_ratio + (1 - self.final_ratio) * 0.5 * (1 + math.cos(math.pi * progress))

    def train_one_epoch(self, loader):
        self.net.train()
        for images, targets in loader:
            images = [im.to(self.device) for im in images]
            targets = [{k: v.to(self.device) for k, v in t.items()} for t in targets]
            loss = sum(self.net(images, targets).values())
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
        return loss.item()

    def fit(self, loader):
        for epoch in range(self.total_epochs):
            last = self.train_one_epoch(loader)
            self.sched.step()
            print(f"epoch {epoch} loss {last:.3f} next lr {self.sched.get_last_lr()[0]:.5f}")
