import torch
from torch.optim.lr_scheduler import OneCycleLR


class Learner:
    def __init__(self, net, loader, hp):
        self.net = net
        self.loader = loader
        self.accum = hp["accum"]
        self.epochs = hp["epochs"]
        self.opt = torch.optim.SGD(net.parameters(), lr=hp["lr"], momentum=0.9, nesterov=True)
        self.lr_sched = OneCycleLR(self.opt, max_lr=hp["lr"], epochs=self.epochs,
                                   steps_per_epoch=len(loader) // self.accum)
        self.crit = torch.nn.CrossEntropyLoss()

    def _should_update(self, i):
        return (i + 1) % self.accum == 0

    def _update(self):
        self.opt.step()
        self.lr_sched.step()
        self.opt.zero_grad()

    def fit(self):
        for ep in range(self.epochs):
            self.net.train()
            self.opt.zero_grad()
            total = 0.0
            for i, (xb, yb) in enumerate(self.loader):
                out = self.net(xb.cuda())
                loss = self.crit(out, yb.cuda())
                (loss / self.accum).backward()
                total += loss.item()
                if self._should_update(i):
                    self._update()
            print(f"epoch {ep}: loss {total / len(self.loader):.4f}")
