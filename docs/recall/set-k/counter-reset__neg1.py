import math

import torch


class CosineRestartLR:
    """Cosine annealing with periodic warm restarts, stepped once per epoch."""

    def __init__(self, optimizer, period, eta_min=0.05, scale=1.0):
        self.optimizer = optimizer
        self.period = max(1, int(period))
        self.eta_min = eta_min
        self.scale = scale
        self.base_lr = [group["lr"] for group in optimizer.param_groups]
        self.iters = 0

    def step(self):
        self.iters += 1
        t = self.iters % self.period
        cos_out = 0.5 * (1.0 + math.cos(math.pi * t / self.period))
        factor = self.scale * (cos_out * (1.0 - self.eta_min) + self.eta_min)
        for group, lr in zip(self.optimizer.param_groups, self.base_lr):
            group["lr"] = lr * factor
        return [group["lr"] for group in self.optimizer.param_groups]

    def reset(self):
        self.iters = 0

    def state_dict(self):
        return {"iters": self.iters, "base_lr": list(self.base_lr)}

    def load_state_dict(self, state):
        self.iters = state["iters"]
        self.base_lr = list(state["base_lr"])


def fit(net, loader, epochs, lr=0.01, period=20):
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)
    lr_sched = CosineRestartLR(opt, period=period)
    crit = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        for x, y in loader:
            opt.zero_grad()
            loss = crit(net(x.cuda()), y.cuda())
            loss.backward()
            opt.step()
        lr_sched.step()
        print(f"[{epoch}] lr={opt.param_groups[0]['lr']:.5f} loss={loss.item():.4f}")
