import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import ReduceLROnPlateau


class Trainer:
    def __init__(self, net, train_loader, val_loader, cfg):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=cfg.wd)
        self.lr_sched = ReduceLROnPlateau(self.opt, mode="max", factor=0.1, patience=3)

    def train_epoch(self):
        self.net.train()
        for x, y in self.train_loader:
            loss = F.cross_entropy(self.net(x), y)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def accuracy(self):
        self.net.eval()
        hits = sum((self.net(x).argmax(1) == y).sum().item() for x, y in self.val_loader)
        self.net.train()
        return hits / max(1, len(self.val_loader.dataset))

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.train_epoch()
            if (epoch + 1) % self.cfg.eval_every == 0:
                acc = self.accuracy()
                self.lr_sched.step(acc)
                print(f"epoch {epoch} acc {acc:.4f}")
