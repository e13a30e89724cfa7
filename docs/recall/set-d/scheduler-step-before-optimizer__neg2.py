import torch
import torch.nn as nn
from torch.optim.lr_scheduler import MultiStepLR


class Runner:
    def __init__(self, net, train_loader, val_loader, cfg):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=5e-4)
        self.sched = MultiStepLR(self.opt, milestones=list(cfg.milestones), gamma=0.2)
        self.crit = nn.CrossEntropyLoss()

    def train_one_epoch(self):
        self.net.train()
        for data, target in self.train_loader:
            self.opt.zero_grad()
            loss = self.crit(self.net(data), target)
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def validate(self):
        self.net.eval()
        correct = sum((self.net(x).argmax(1) == y).sum().item() for x, y in self.val_loader)
        self.net.train()
        return correct / max(1, len(self.val_loader.dataset))

    def run(self):
        for epoch in range(self.cfg.epochs):
            self.train_one_epoch()
            self.sched.step()
            acc = self.validate()
            print(f"epoch {epoch} acc {acc:.4f} lr {self.sched.get_last_lr()[0]:.4f}")
