import torch


class GradualWarmup:
    """Ramps the LR of every param group linearly over the first `total` iterations."""

    def __init__(self, optimizer, total, start_factor=0.1):
        if total <= 0:
            raise ValueError("total must be positive")
        self.optimizer = optimizer
        self.total = total
        self.start_factor = start_factor
        self.cur = 0

    def factor(self):
        alpha = min(self.cur, self.total) / self.total
        return self.start_factor + (1.0 - self.start_factor) * alpha

    def step(self):
        if self.cur >= self.total:
            return
        self.cur += 1
        f = self.factor()
        for g in self.optimizer.param_groups:
            g["lr"] = g["lr"] * f

    @property
    def done(self):
        return self.cur >= self.total

    def state_dict(self):
        return {"cur": self.cur, "total": self.total, "start_factor": self.start_factor}

    def load_state_dict(self, sd):
        self.cur = sd["cur"]
        self.total = sd["total"]
        self.start_factor = sd["start_factor"]


def train(net, loader, n_epochs, lr=0.05, warm=300):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, nesterov=True)
    ramp = GradualWarmup(opt, total=warm)
    crit = torch.nn.CrossEntropyLoss(label_smoothing=0.1)
    for ep in range(n_epochs):
        net.train()
        for batch_idx, (x, y) in enumerate(loader):
            opt.zero_grad()
            loss = crit(net(x.cuda()), y.cuda())
            loss.backward()
            opt.step()
            ramp.step()
        print(ep, opt.param_groups[0]["lr"], ramp.done)
