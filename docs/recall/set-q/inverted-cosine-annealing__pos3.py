import math

import torch
from torch.optim import lr_scheduler


class DetectorTrainer:
    def __init__(self, det, loader, hyp, n_epochs):
        self.det = det
        self.loader = loader
        self.hyp = hyp
        self.n_epochs = n_epochs
        self.opt = torch.optim.SGD(
            det.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True
        )
        final = hyp["lrf"]
        self.lf = lambda e: ((1 - math.cos(e * math.pi / n_epochs)) / 2) * (1 - final) + final  # noqa: E731
        self.lr_sched = lr_scheduler.LambdaLR(self.opt, lr_lambda=self.lf)

    def train_epoch(self):
        self.det.train()
        total = 0.0
        for imgs, targets in self.loader:
            loss, _ = self.det(imgs, targets)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            total += loss.item()
        return total / max(1, len(self.loader))

    def fit(self):
        for epoch in range(self.n_epochs):
            mean_loss = self.train_epoch()
            self.lr_sched.step()
            print(epoch, round(mean_loss, 4), self.lr_sched.get_last_lr())
