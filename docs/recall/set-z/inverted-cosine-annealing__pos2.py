import math

import torch


class CosineAnneal:
    def __init__(self, optim, t_max, eta_min=0.0):
        self.optim = optim
        self.t_max = max(1, t_max)
        self.eta_min = eta_min
        self.base_lrs = [g["lr"] for g in optim.param_groups]
        self.t = 0

    def get_lrs(self):
        t = min(self.t, self.t_max)
        k = (1 - math.cos(math.pi * t / self.t_max)) / 2
        return [self.eta_min + (b - self.eta_min) * k for b in self.base_lrs]

    def step(self):
        self.t += 1
        for g, lr in zip(self.optim.param_groups, self.get_lrs()):
            g["lr"] = lr

    def state_dict(self):
        return {"t": self.t, "base_lrs": self.base_lrs}

    def load_state_dict(self, d):
        self.t = d["t"]
        self.base_lrs = d["base_lrs"]


class SegTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.optim = torch.optim.Adam(net.parameters(), lr=cfg["lr"], weight_decay=cfg["wd"])
        self.lr_sched = CosineAnneal(self.optim, t_max=cfg["epochs"], eta_min=cfg["min_lr"])
        self.epochs = cfg["epochs"]
        self.crit = torch.nn.CrossEntropyLoss(ignore_index=255)

    def fit(self):
        for ep in range(self.epochs):
            self.net.train()
            for img, mask in self.loader:
                out = self.net(img)
                loss = self.crit(out, mask)
                self.optim.zero_grad()
                loss.backward()
                self.optim.step()
            self.lr_sched.step()
