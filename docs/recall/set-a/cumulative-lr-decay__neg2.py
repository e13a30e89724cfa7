import torch


class ExpDecay:
    """Multiplies every group's LR by a fixed gamma once per epoch, with a floor."""

    def __init__(self, opt, gamma=0.97, floor=1e-6):
        if not 0.0 < gamma <= 1.0:
            raise ValueError(f"gamma must be in (0, 1], got {gamma}")
        self.opt = opt
        self.gamma = gamma
        self.floor = floor
        self.initial = [g["lr"] for g in opt.param_groups]
        self.current = list(self.initial)
        self.count = 0

    def step(self):
        self.count += 1
        self.current = [max(lr * self.gamma, self.floor) for lr in self.current]
        for g, lr in zip(self.opt.param_groups, self.current):
            g["lr"] = lr

    def state_dict(self):
        return {"count": self.count, "current": list(self.current)}

    def load_state_dict(self, sd):
        self.count = sd["count"]
        self.current = list(sd["current"])


def train(net, loader, n_epochs, device="cuda"):
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    decay = ExpDecay(opt, gamma=0.95)
    for epoch in range(n_epochs):
        net.train()
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = torch.nn.functional.mse_loss(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        decay.step()
        print(epoch, loss.item(), decay.current[0])
