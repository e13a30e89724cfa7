import torch


class WarmupWrapper:
    """Linearly ramps the learning rate from ``start * lr`` to ``lr`` over ``period`` iterations."""

    def __init__(self, optimizer, period, start=0.001):
        self.optimizer = optimizer
        self.period = period
        self.start = start
        self.count = 0
        for group in optimizer.param_groups:
            group.setdefault("initial_lr", group["lr"])
        self._apply()

    def factor(self):
        if self.count >= self.period:
            return 1.0
        alpha = (self.count + 1) / self.period
        return self.start * (1.0 - alpha) + alpha

    def _apply(self):
        f = self.factor()
        for group in self.optimizer.param_groups:
            group["lr"] = group["initial_lr"] * f

    def step(self):
        self.count += 1
        self._apply()

    def state_dict(self):
        return {"count": self.count}

    def load_state_dict(self, state):
        self.count = state["count"]


class DetTrainer:
    def __init__(self, detector, data_loader, cfg):
        self.detector = detector
        self.data_loader = data_loader
        params = [p for p in detector.parameters() if p.requires_grad]
        self.opt = torch.optim.SGD(params, lr=cfg.TRAIN.LR, momentum=0.9, weight_decay=cfg.TRAIN.WD)
        self.warm = WarmupWrapper(self.opt, period=cfg.TRAIN.WARM, start=cfg.TRAIN.WARM_FACTOR)

    def train_epoch(self, epoch):
        self.detector.train()
        for i, (images, targets) in enumerate(self.data_loader):
            loss_dict = self.detector(images, targets)
            losses = sum(loss for loss in loss_dict.values())
            self.opt.zero_grad()
            losses.backward()
            self.opt.step()
            self.warm.step()
