import torch


class ExpDecay:
    """Exponential decay: every epoch the LR is multiplied by a fixed gamma,
    so after n epochs it is lr0 * gamma ** n."""

    def __init__(self, optimizer, gamma=0.97, min_lr=1e-6):
        self.optimizer = optimizer
        self.gamma = gamma
        self.min_lr = min_lr
        self.lr = optimizer.param_groups[0]["lr"]
        self.n = 0

    def step(self):
        self.n += 1
        self.lr = max(self.min_lr, self.lr * self.gamma)
        for g in self.optimizer.param_groups:
            g["lr"] = self.lr
        return self.lr

    def state_dict(self):
        return {"lr": self.lr, "n": self.n}

    def load_state_dict(self, sd):
        self.lr, self.n = sd["lr"], sd["n"]


def train(net, loader, epochs=50):
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    decay = ExpDecay(opt, gamma=0.95)
    for epoch in range(epochs):
        net.train()
        for batch, target in loader:
            loss = torch.nn.functional.mse_loss(net(batch), target)
            opt.zero_grad()
            loss.backward()
            opt.step()
        decay.step()
