import torch


class LinearRamp:
    """Ramps the learning rate of every param group over the first `total` calls."""

    def __init__(self, opt, total=1000):
        self.opt = opt
        self.total = total
        self.count = 0

    def _ratio(self):
        if self.count < self.total:
            return min(1.0, (self.count + 1) / self.total)
        return 1.0

    def step(self):
        ratio = self._ratio()
        for g in self.opt.param_groups:
            g["lr"] *= ratio
        self.count += 1

    def state_dict(self):
        return {"count": self.count}

    def load_state_dict(self, sd):
        self.count = sd["count"]


def train_detector(detector, loader, epochs, base_lr=0.02):
    params = [p for p in detector.parameters() if p.requires_grad]
    opt = torch.optim.SGD(params, lr=base_lr, momentum=0.9, weight_decay=1e-4)
    ramp = LinearRamp(opt, total=min(1000, len(loader) - 1))
    for epoch in range(epochs):
        detector.train()
        for images, targets in loader:
            losses = detector(images, targets)
            loss = sum(losses.values())
            opt.zero_grad()
            loss.backward()
            opt.step()
            if epoch == 0:
                ramp.step()
