import torch
import torch.nn as nn
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


class Fitter:
    def __init__(self, net, train_ds, val_ds, hparams):
        self.net = net.cuda()
        self.hp = hparams
        self.train_loader = DataLoader(train_ds, batch_size=hparams["bs"], shuffle=True,
                                       num_workers=4)
        self.val_loader = DataLoader(val_ds, batch_size=hparams["bs"], num_workers=4)
        self.loss_fn = nn.CrossEntropyLoss()
        self.opt = torch.optim.SGD(self.net.parameters(), lr=hparams["max_lr"], momentum=0.9,
                                   weight_decay=5e-4, nesterov=True)
        self.sched = OneCycleLR(self.opt, max_lr=hparams["max_lr"], epochs=hparams["epochs"],
                                steps_per_epoch=len(self.train_loader))

    def _train_one(self):
        self.net.train()
        for x, y in self.train_loader:
            x, y = x.cuda(), y.cuda()
            self.opt.zero_grad()
            loss = self.loss_fn(self.net(x), y)
            loss.backward()
            self.opt.step()
            self.sched.step()
        return loss.item()

    @torch.no_grad()
    def _validate(self):
        self.net.eval()
        ok = n = 0
        for x, y in self.val_loader:
            ok += (self.net(x.cuda()).argmax(1).cpu() == y).sum().item()
            n += y.numel()
        return ok / n

    def fit(self):
        for ep in range(self.hp["epochs"]):
            last = self._train_one()
            print(f"epoch {ep} last loss {last:.4f} val acc {self._validate():.4f}")
