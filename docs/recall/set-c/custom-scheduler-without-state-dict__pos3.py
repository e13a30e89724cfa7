import torch
from torch import nn


class EpochStepDecay:
    def __init__(self, optimizer, warm_epochs=5, milestones=(30, 60, 90), gamma=0.1):
        self.optimizer = optimizer
        self.warm_epochs = warm_epochs
        self.milestones = sorted(milestones)
        self.gamma = gamma
        self.epoch = 0
        self.base = [pg["lr"] for pg in optimizer.param_groups]
        self._set(self._mult())

    def _mult(self):
        if self.epoch < self.warm_epochs:
            return (self.epoch + 1) / self.warm_epochs
        n = sum(1 for m in self.milestones if self.epoch >= m)
        return self.gamma ** n

    def _set(self, mult):
        for pg, lr0 in zip(self.optimizer.param_groups, self.base):
            pg["lr"] = lr0 * mult

    def step(self):
        self.epoch += 1
        self._set(self._mult())


class Trainer:
    def __init__(self, net, loader, args):
        self.net = net.cuda()
        self.loader = loader
        self.args = args
        self.opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, nesterov=True)
        self.sched = EpochStepDecay(self.opt, warm_epochs=args.n_warm)
        self.crit = nn.CrossEntropyLoss(label_smoothing=0.1)

    def fit(self):
        for ep in range(self.args.epochs):
            self.net.train()
            total = 0.0
            for i, (x, y) in enumerate(self.loader):
                self.opt.zero_grad()
                loss = self.crit(self.net(x.cuda()), y.cuda())
                loss.backward()
                self.opt.step()
                total += loss.item()
            self.sched.step()
            print(f"[{ep}] loss={total / (i + 1):.4f}")
