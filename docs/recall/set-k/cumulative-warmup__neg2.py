import torch


class GradualWarmup:
    """Ramps the LR of every param group linearly over the first `total` iterations."""

    def __init__(self, optimizer, total, start_factor=0.1):
        if total <= 0:
            raise ValueError("total must be positive")
        self.optimizer = optimizer
        self.total = total
        self.start_factor = start_factor
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.cur = 0
        self._apply()

    def factor(self):
        alpha = min(self.cur, self.total) / self.total
        return self.start_factor + (1.0 - self.start_factor) * alpha

    def _apply(self):
        f = self.factor()
        for g, base in zip(self.optimizer.param_groups, self.base_lrs):
            g["lr"] = base * f

    def step(self):
        if self.cur >= self.total:
            return
        self.cur += 1
        self._apply()

    def state_dict(self):
        return {"cur": self.cur, "total": self.total, "base_lrs": list(self.base_lrs)}

    def load_state_dict(self, sd):
        self.cur = sd["cur"]
        self.total = sd["total"]
        self.base_lrs = list(sd["base_lrs"])
        self._apply()


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
        print(ep, opt.param_groups[0]["lr"])
