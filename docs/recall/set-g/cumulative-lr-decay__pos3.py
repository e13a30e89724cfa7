from bisect import bisect_right

import torch

hp = {
    "lr": 0.02,
    "milestones": [8, 11],
    "gamma": 0.1,
    "epochs": 12,
}


class MilestoneDecay:
    def __init__(self, opt, milestones, gamma):
        self.opt = opt
        self.milestones = list(milestones)
        self.gamma = gamma
        self.base_lrs = [g["lr"] for g in opt.param_groups]
        self.epoch = 0

    def _factor(self, epoch):
        return self.gamma ** bisect_right(self.milestones, epoch)

    def step(self):
        self.epoch += 1
        f = self._factor(self.epoch)
        self.base_lrs = [b * f for b in self.base_lrs]
        for g, lr in zip(self.opt.param_groups, self.base_lrs):
            g["lr"] = lr


def fit(detector, loader):
    params = [p for p in detector.parameters() if p.requires_grad]
    opt = torch.optim.SGD(params, lr=hp["lr"], momentum=0.9, weight_decay=1e-4)
    decay = MilestoneDecay(opt, hp["milestones"], hp["gamma"])
    for epoch in range(hp["epochs"]):
        detector.train()
        for images, targets in loader:
            losses = detector(images, targets)
            total = sum(losses.values())
            opt.zero_grad()
            total.backward()
            opt.step()
        decay.step()
