import torch
from torch import nn


class LinearRampThenHold:
    """Ramps every param group from a small fraction of its LR up to the full LR."""

    def __init__(self, opt, ramp_steps, start_frac=0.01):
        if ramp_steps <= 0:
            raise ValueError("ramp_steps must be positive")
        self.opt = opt
        self.ramp_steps = ramp_steps
        self.start_frac = start_frac
        self.targets = [g["lr"] for g in opt.param_groups]
        self.n = 0
        self._apply()

    def _apply(self):
        alpha = min(1.0, (self.n + 1) / self.ramp_steps)
        frac = self.start_frac + (1.0 - self.start_frac) * alpha
        for g, target in zip(self.opt.param_groups, self.targets):
            g["lr"] = target * frac

    def step_batch(self):
        self.n = 0
        self.n += 1
        self._apply()


def train(net: nn.Module, loader, epochs=10, lr=3e-4):
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.05)
    ramp = LinearRampThenHold(opt, ramp_steps=2 * len(loader))
    loss_fn = nn.CrossEntropyLoss()
    net.train()
    for _ in range(epochs):
        for x, y in loader:
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(net(x), y)
            loss.backward()
            opt.step()
            ramp.step_batch()
    return net
