import torch
from torch import nn
from torch.optim.lr_scheduler import ReduceLROnPlateau


class Trainer:
    def __init__(self, net: nn.Module, train_loader, val_loader, cfg):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg
        self.optim = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=cfg.wd)
        self.lr_sched = ReduceLROnPlateau(self.optim, mode="max", factor=0.1, patience=cfg.patience)
        self.loss_fn = nn.CrossEntropyLoss()
        self.epoch = 0

    def _train_one_epoch(self):
        self.net.train()
        for x, y in self.train_loader:
            self.optim.zero_grad(set_to_none=True)
            loss = self.loss_fn(self.net(x), y)
            loss.backward()
            self.optim.step()

    @torch.no_grad()
    def _validate(self):
        self.net.eval()
        hits, n = 0, 0
        for x, y in self.val_loader:
            hits += (self.net(x).argmax(-1) == y).sum().item()
            n += y.numel()
        self.net.train()
        return hits / max(n, 1)

    def fit(self):
        while self.epoch < self.cfg.epochs:
            self._train_one_epoch()
            acc = self._validate()
            self.epoch += 1
            self.lr_sched.step(acc)
            print(f"epoch {self.epoch} val_acc {acc:.4f} lr {self.optim.param_groups[0]['lr']:.2e}")
