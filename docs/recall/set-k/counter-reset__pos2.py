import torch
from torch import nn


class LinearRampSchedule:
    """Linearly ramps every param group from `start_factor * lr` up to `lr`."""

    def __init__(self, opt, ramp_updates, start_factor=0.001):
        self.opt = opt
        self.ramp_updates = max(1, int(ramp_updates))
        self.start_factor = start_factor
        self.base_lrs = [pg["lr"] for pg in opt.param_groups]
        self.state = {"num_updates": 0}
        self._apply(0)

    def _apply(self, n):
        alpha = min(1.0, n / self.ramp_updates)
        mult = self.start_factor + (1.0 - self.start_factor) * alpha
        for pg, base in zip(self.opt.param_groups, self.base_lrs):
            pg["lr"] = base * mult

    def step_update(self):
        self.state["num_updates"] = 0
        self.state["num_updates"] += 1
        self._apply(self.state["num_updates"])

    def state_dict(self):
        return dict(self.state)

    def load_state_dict(self, sd):
        self.state.update(sd)
        self._apply(self.state["num_updates"])


def train(net: nn.Module, loader, epochs: int, lr: float = 3e-4, ramp: int = 2000):
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.05)
    ramp_sched = LinearRampSchedule(opt, ramp_updates=ramp)
    crit = nn.CrossEntropyLoss()
    dev = next(net.parameters()).device
    for ep in range(epochs):
        net.train()
        running = 0.0
        for images, targets in loader:
            images, targets = images.to(dev), targets.to(dev)
            opt.zero_grad(set_to_none=True)
            loss = crit(net(images), targets)
            loss.backward()
            opt.step()
            ramp_sched.step_update()
            running += loss.item()
        print(f"epoch {ep}: loss {running / max(1, len(loader)):.4f} lr {opt.param_groups[0]['lr']:.2e}")
    return net
