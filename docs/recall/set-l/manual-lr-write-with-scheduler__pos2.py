import torch
from torch.optim.lr_scheduler import LambdaLR


class Trainer:
    def __init__(self, net, train_loader, val_loader, cfg):
        self.net = net
        self.train_loader = train_loader
        self.val_loader = val_loader
        self.cfg = cfg
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9)
        self.lr_sched = LambdaLR(self.opt, lambda epoch: cfg.gamma ** epoch)
        self.best_val = float("inf")
        self.bad_epochs = 0

    def _shrink_lr(self, factor):
        for pg in self.opt.param_groups:
            pg["lr"] = max(pg["lr"] * factor, self.cfg.min_lr)

    def _validate(self):
        self.net.eval()
        total = 0.0
        with torch.no_grad():
            for x, y in self.val_loader:
                total += torch.nn.functional.l1_loss(self.net(x.cuda()), y.cuda()).item()
        self.net.train()
        return total / len(self.val_loader)

    def train(self):
        for epoch in range(self.cfg.epochs):
            self.net.train()
            for x, y in self.train_loader:
                self.opt.zero_grad()
                loss = torch.nn.functional.l1_loss(self.net(x.cuda()), y.cuda())
                loss.backward()
                self.opt.step()
            self.lr_sched.step()
            val = self._validate()
            if val < self.best_val:
                self.best_val, self.bad_epochs = val, 0
            else:
                self.bad_epochs += 1
                if self.bad_epochs >= self.cfg.patience:
                    self._shrink_lr(0.5)
                    self.bad_epochs = 0
            print(f"epoch {epoch} val {val:.4f} lr {self.lr_sched.get_last_lr()[0]:.2e}")
