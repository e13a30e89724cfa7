import math

import torch


class CosineDecayLR:
    """Per-epoch cosine decay from the optimizer's initial LR down to eta_min * LR."""

    def __init__(self, optimizer, epochs, eta_min=0.05):
        if epochs < 1:
            raise ValueError("epochs must be >= 1")
        self.optimizer = optimizer
        self.epochs = epochs
        self.eta_min = eta_min
        self.base_lrs = [group["lr"] for group in optimizer.param_groups]
        self.iters = 0

    def step(self):
        self.iters += 1
        t = min(self.iters, self.epochs)
        cos_factor = (1 + math.cos(math.pi * t / self.epochs)) / 2 * (1 - self.eta_min) + self.eta_min
        current = []
        for group, base in zip(self.optimizer.param_groups, self.base_lrs):
            group["lr"] = base * cos_factor
            current.append(group["lr"])
        return current

    def state_dict(self):
        return {"iters": self.iters, "base_lrs": list(self.base_lrs)}

    def load_state_dict(self, state):
        self.iters = state["iters"]
        self.base_lrs = list(state["base_lrs"])


def main(net, loader, epochs=100):
    opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    sched = CosineDecayLR(opt, epochs)
    for epoch in range(epochs):
        for imgs, labels in loader:
            loss = torch.nn.functional.cross_entropy(net(imgs), labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
        lrs = sched.step()
        print(f"epoch {epoch}: lr={lrs[0]:.5f}")
