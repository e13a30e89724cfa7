import math

import torch


class CosineLR:
    def __init__(self, optimizer, epochs, eta_min=0.0):
        self.optimizer = optimizer
        self.epochs = max(1, epochs)
        self.eta_min = eta_min
        self.base_lr = optimizer.param_groups[0]["lr"]
        self.iters = 0

    def step(self):
        self.iters += 1
        t = min(self.iters, self.epochs)
        cosine = 0.5 * (1.0 + math.cos(math.pi * t / self.epochs))
        self.base_lr = self.eta_min + (self.base_lr - self.eta_min) * cosine
        for group in self.optimizer.param_groups:
            group["lr"] = self.base_lr
        return self.base_lr

    def state_dict(self):
        return {"iters": self.iters, "base_lr": self.base_lr}

    def load_state_dict(self, state):
        self.iters = state["iters"]
        self.base_lr = state["base_lr"]


def train(detector, loader, hyp):
    optimizer = torch.optim.SGD(detector.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True)
    lr_sched = CosineLR(optimizer, epochs=hyp["epochs"], eta_min=hyp["lr0"] * hyp["lrf"])
    for epoch in range(hyp["epochs"]):
        detector.train()
        mloss = 0.0
        for i, (imgs, targets) in enumerate(loader):
            loss = detector(imgs, targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            mloss = (mloss * i + loss.item()) / (i + 1)
        lr = lr_sched.step()
        print(f"{epoch}/{hyp['epochs'] - 1} loss={mloss:.4f} lr={lr:.6f}")
