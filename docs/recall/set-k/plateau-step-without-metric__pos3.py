import torch
from torch import nn
from torch.optim import lr_scheduler


class Trainer:
    def __init__(self, net: nn.Module, train_loader, cfg):
        self.net = net
        self.train_loader = train_loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.TRAIN.LR, momentum=0.9, weight_decay=cfg.TRAIN.WD)
        self.lr_sched = lr_scheduler.ReduceLROnPlateau(self.opt, mode="max", factor=0.5, patience=cfg.TRAIN.PATIENCE)
        self.crit = nn.CrossEntropyLoss()
        self.it = 0

    def _train_step(self, imgs, labels):
        logits = self.net(imgs.cuda(non_blocking=True))
        loss = self.crit(logits, labels.cuda(non_blocking=True))
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        acc = (logits.argmax(1) == labels.cuda()).float().mean().item()
        self.lr_sched.step(acc)
        self.it += 1
        return loss.item(), acc

    def train_epoch(self, epoch):
        self.net.train()
        for imgs, labels in self.train_loader:
            loss, acc = self._train_step(imgs, labels)
            if self.it % self.cfg.LOG_EVERY == 0:
                print(f"epoch {epoch} it {self.it} loss {loss:.4f} acc {acc:.3f}")

    def fit(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            self.train_epoch(epoch)
