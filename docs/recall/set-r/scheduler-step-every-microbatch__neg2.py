import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR


class Trainer:
    def __init__(self, net, loader, hp):
        self.net = net
        self.loader = loader
        self.n_accum = hp["n_accum"]
        self.epochs = hp["epochs"]
        self.opt = torch.optim.SGD(net.parameters(), lr=hp["lr"], momentum=0.9)
        updates_per_epoch = max(1, len(loader) // self.n_accum)
        self.sched = StepLR(self.opt, step_size=hp["decay_epochs"] * updates_per_epoch,
                            gamma=0.1)
        self.crit = nn.CrossEntropyLoss()

    def fit(self):
        self.net.train()
        for epoch in range(self.epochs):
            self.opt.zero_grad()
            for idx, (x, y) in enumerate(self.loader):
                x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
                loss = self.crit(self.net(x), y) / self.n_accum
                loss.backward()
                if (idx + 1) % self.n_accum != 0:
                    continue
                self.opt.step()
                self.sched.step()
                self.opt.zero_grad()
            print(f"epoch {epoch} lr {self.sched.get_last_lr()[0]:.4f}")
