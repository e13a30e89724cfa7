from typing import Optional, Sequence

import torch
from torch.optim.lr_scheduler import MultiStepLR


class ProgressPrinter:
    def __call__(self, trainer, epoch, train_loss):
        print(f"epoch {epoch}: loss {train_loss:.4f}")


class Engine:
    def __init__(self, net, opt, loss_fn, milestones: Sequence[int] = (30, 60, 90),
                 callbacks: Optional[list] = None):
        self.callbacks = list(callbacks) if callbacks is not None else []
        self.callbacks.append(ProgressPrinter())
        self.net = net
        self.opt = opt
        self.loss_fn = loss_fn
        self.sched = MultiStepLR(opt, milestones=sorted(milestones), gamma=0.1)

    def fit(self, train_loader, max_epochs=100):
        for epoch in range(max_epochs):
            self.net.train()
            running = 0.0
            for xb, yb in train_loader:
                self.opt.zero_grad()
                loss = self.loss_fn(self.net(xb), yb)
                loss.backward()
                self.opt.step()
                running += loss.item()
            self.sched.step()
            for cb in self.callbacks:
                cb(self, epoch, running / len(train_loader))
        return self.net


def make_engine(net, lr=0.1):
    return Engine(net, torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9), torch.nn.CrossEntropyLoss())
