import torch
from torch import nn


class RampHook:
    """Linearly ramps the learning rate up over the first iterations."""

    def __init__(self, opt, ramp_iters, target_lr):
        self.opt = opt
        self.ramp_iters = max(1, int(ramp_iters))
        self.target_lr = target_lr
        self.seen = 0
        for g in self.opt.param_groups:
            g["lr"] = target_lr / self.ramp_iters

    def after_iter(self):
        self.seen = 0
        self.seen += 1
        if self.seen < self.ramp_iters:
            lr = self.target_lr * (self.seen + 1) / self.ramp_iters
        else:
            lr = self.target_lr
        for g in self.opt.param_groups:
            g["lr"] = lr

    def state_dict(self):
        return {"seen": self.seen}

    def load_state_dict(self, sd):
        self.seen = sd["seen"]


def fit(net: nn.Module, loader, epochs=10, lr=3e-4, ramp_iters=500, device="cuda"):
    net.to(device).train()
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.05)
    hook = RampHook(opt, ramp_iters, lr)
    crit = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        running = 0.0
        for i, (xb, yb) in enumerate(loader):
            xb, yb = xb.to(device), yb.to(device)
            opt.zero_grad(set_to_none=True)
            loss = crit(net(xb), yb)
            loss.backward()
            opt.step()
            hook.after_iter()
            running += loss.item()
        print(f"epoch {epoch}: loss {running / max(1, len(loader)):.4f}")
    return net
