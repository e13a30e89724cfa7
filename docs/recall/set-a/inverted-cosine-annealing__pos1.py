import math

import torch


class CosineLR:
    """Anneals each group's LR from its initial value to eta_min over t_max epochs."""

    def __init__(self, optimizer, t_max, eta_min=0.0):
        self.optimizer = optimizer
        self.t_max = max(1, t_max)
        self.eta_min = eta_min
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.t = 0

    def step(self):
        self.t += 1
        t = min(self.t, self.t_max)
        factor = (1 - math.cos(math.pi * t / self.t_max)) / 2
        for g, base in zip(self.optimizer.param_groups, self.base_lrs):
            g["lr"] = self.eta_min + (base - self.eta_min) * factor

    def state_dict(self):
        return {"t": self.t, "base_lrs": list(self.base_lrs)}

    def load_state_dict(self, state):
        self.t = state["t"]
        self.base_lrs = list(state["base_lrs"])


def run(net, train_dl, val_dl, epochs, device="cuda"):
    opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
    sched = CosineLR(opt, t_max=epochs, eta_min=1e-4)
    crit = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        for x, y in train_dl:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            crit(net(x), y).backward()
            opt.step()
        sched.step()
        net.eval()
        correct = 0
        with torch.no_grad():
            for x, y in val_dl:
                correct += (net(x.to(device)).argmax(1) == y.to(device)).sum().item()
        print(f"epoch {epoch} acc {correct / len(val_dl.dataset):.4f} lr {opt.param_groups[0]['lr']:.5f}")
