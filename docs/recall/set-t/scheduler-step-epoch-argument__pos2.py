import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, net, loaders, cfg):
        self.net = net
        self.train_loader, self.val_loader = loaders
        self.cfg = cfg
        self.opt = torch.optim.Adam(net.parameters(), lr=cfg.lr, weight_decay=cfg.wd)
        self.sched = CosineAnnealingLR(self.opt, T_max=cfg.epochs, eta_min=cfg.lr * 0.01)
        self.epoch = 0

    def _train_epoch(self):
        self.net.train()
        for x, y in self.train_loader:
            loss = torch.nn.functional.l1_loss(self.net(x.cuda()), y.cuda())
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()

    @torch.no_grad()
    def _validate(self):
        self.net.eval()
        err = sum(torch.nn.functional.l1_loss(self.net(x.cuda()), y.cuda()).item()
                  for x, y in self.val_loader)
        return err / max(1, len(self.val_loader))

    def fit(self):
        while self.epoch < self.cfg.epochs:
            self._train_epoch()
            val = self._validate()
            self.epoch += 1
            self.sched.step(epoch=self.epoch)
            print(f"epoch {self.epoch} val_l1 {val:.4f}")
