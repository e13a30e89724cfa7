import torch
from torch import nn
from torch.optim import lr_scheduler


class Trainer:
    def __init__(self, net: nn.Module, train_loader, val_loader, cfg):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
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
        self.it += 1
        return loss.item()

    @torch.no_grad()
    def _val_accuracy(self):
        self.net.eval()
        correct, total = 0, 0
        for imgs, labels in self.val_loader:
            pred = self.net(imgs.cuda()).argmax(1)
            correct += (pred == labels.cuda()).sum().item()
            total += labels.numel()
        self.net.train()
        return correct / max(1, total)

    def fit(self):
        for epoch in range(self.cfg.TRAIN.EPOCHS):
            self.net.train()
            for imgs, labels in self.train_loader:
                loss = self._train_step(imgs, labels)
                if self.it % self.cfg.LOG_EVERY == 0:
                    print(f"epoch {epoch} it {self.it} loss {loss:.4f}")
            val_acc = self._val_accuracy()
            self.lr_sched.step(metrics=val_acc)
            print(f"epoch {epoch} val acc {val_acc:.4f} lr {self.opt.param_groups[0]['lr']:.2e}")
