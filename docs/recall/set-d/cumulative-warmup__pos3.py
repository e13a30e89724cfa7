import torch


class WarmupWrapper:
    """Linearly ramps the learning rate from ``start * lr`` to ``lr`` over ``period`` iterations."""

    def __init__(self, optimizer, period, start=0.001):
        self.optimizer = optimizer
        self.period = period
        self.start = start
        self.count = 0

    def step(self):
        if self.count >= self.period:
            return
        alpha = min(1.0, (self.count + 1) / self.period)
        factor = self.start * (1.0 - alpha) + alpha
        for group in self.optimizer.param_groups:
            group["lr"] *= factor
        self.count += 1

    def state_dict(self):
        return {"count": self.count}

    def load_state_dict(self, state):
        self.count = state["count"]


class DetTrainer:
    def __init__(self, detector, data_loader, cfg):
        self.detector = detector
        self.data_loader = data_loader
        self.cfg = cfg
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
            if i % 20 == 0:
                print(epoch, i, {k: round(v.item(), 4) for k, v in loss_dict.items()})
