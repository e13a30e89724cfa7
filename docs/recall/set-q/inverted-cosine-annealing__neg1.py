import math

import torch
from torch.optim import lr_scheduler


def one_cycle(y1=0.0, y2=1.0, steps=100):
    # sinusoidal ramp from y1 to y2 over `steps`
    return lambda x: ((1 - math.cos(x * math.pi / steps)) / 2) * (y2 - y1) + y1


class DetectorTrainer:
    def __init__(self, det, loader, hyp, n_epochs):
        self.det = det
        self.loader = loader
        self.n_epochs = n_epochs
        self.opt = torch.optim.SGD(
            det.parameters(), lr=hyp["lr0"], momentum=hyp["momentum"], nesterov=True
        )
        self.lf = one_cycle(1, hyp["lrf"], n_epochs)  # cosine 1 -> hyp['lrf']
        self.lr_sched = lr_scheduler.LambdaLR(self.opt, lr_lambda=self.lf)

    def fit(self):
        for epoch in range(self.n_epochs):
            self.det.train()
            for imgs, targets in self.loader:
                loss, _ = self.det(imgs, targets)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            self.lr_sched.step()
