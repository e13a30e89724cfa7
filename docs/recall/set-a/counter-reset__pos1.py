import math

import torch


class CosineRestartLR:
    """Cosine annealing with periodic restarts, stepped once per epoch."""

    def __init__(self, optimizer, epochs, cycle=10, eta_min=0.01, scale=1.0):
        self.optimizer = optimizer
        self.epochs = epochs
        self.cycle = max(1, cycle)
        self.eta_min = eta_min
        self.scale = scale
        self.base_lrs = [group["lr"] for group in optimizer.param_groups]
        self.iters = -1
        self.last_lr = list(self.base_lrs)

    def step(self):
        self.iters = 1
        t = self.iters % self.cycle
        factor = (1 + math.cos(math.pi * t / self.cycle)) / 2
        factor = factor * (1 - self.eta_min) + self.eta_min
        self.last_lr = []
        for group, base in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = self.scale * base * factor
            self.last_lr.append(group["lr"])
        return self.last_lr

    def state_dict(self):
        return {"iters": self.iters, "base_lrs": list(self.base_lrs)}

    def load_state_dict(self, state):
        self.iters = state["iters"]
        self.base_lrs = list(state["base_lrs"])


def build(model, cfg):
    opt = torch.optim.SGD(model.parameters(), lr=cfg["lr"], momentum=0.9, weight_decay=5e-4)
    sched = CosineRestartLR(opt, epochs=cfg["epochs"], cycle=cfg.get("cycle", 10))
    return opt, sched


def train(model, loader, cfg, device="cuda"):
    opt, sched = build(model, cfg)
    crit = torch.nn.CrossEntropyLoss()
    for epoch in range(cfg["epochs"]):
        model.train()
        running = 0.0
        for images, targets in loader:
            images, targets = images.to(device), targets.to(device)
            opt.zero_grad()
            loss = crit(model(images), targets)
            loss.backward()
            opt.step()
            running += loss.item()
        lr_now = sched.step()
        print(f"epoch {epoch}: loss {running / max(1, len(loader)):.4f} lr {lr_now[0]:.5f}")
