import torch


class GeometricDecay:
    """Multiply the LR by a constant `gamma` once per epoch (lr_e = lr_0 * gamma ** e)."""

    def __init__(self, opt, gamma=0.97, floor=1e-6):
        assert 0.0 < gamma <= 1.0
        self.opt = opt
        self.gamma = gamma
        self.floor = floor
        self.current = [pg["lr"] for pg in opt.param_groups]
        self.epoch = 0

    def step(self):
        self.epoch += 1
        self.current = [max(self.floor, lr * self.gamma) for lr in self.current]
        for pg, lr in zip(self.opt.param_groups, self.current):
            pg["lr"] = lr
        return self.current

    def state_dict(self):
        return {"epoch": self.epoch, "current": list(self.current)}

    def load_state_dict(self, sd):
        self.epoch = sd["epoch"]
        self.current = list(sd["current"])


class Trainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.opt = torch.optim.RMSprop(net.parameters(), lr=cfg["lr"], alpha=0.9, eps=1e-3)
        self.lr_sched = GeometricDecay(self.opt, gamma=cfg.get("gamma", 0.97))
        self.epochs = cfg["epochs"]

    def fit(self):
        for ep in range(self.epochs):
            self.net.train()
            for x, y in self.loader:
                loss = torch.nn.functional.cross_entropy(self.net(x), y, label_smoothing=0.1)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            lrs = self.lr_sched.step()
            print(f"epoch {ep} lr {lrs[0]:.5f}")
