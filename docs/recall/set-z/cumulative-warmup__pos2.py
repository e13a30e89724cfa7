import torch


class LinearWarmup:
    """Ramp the LR from `start_factor * lr` up to `lr` over the first `warm_iters` iterations."""

    def __init__(self, opt, warm_iters=500, start_factor=1.0 / 3):
        self.opt = opt
        self.warm_iters = warm_iters
        self.start_factor = start_factor
        self.last_iter = 0

    def _factor(self):
        alpha = self.last_iter / self.warm_iters
        return self.start_factor * (1.0 - alpha) + alpha

    def _apply(self, factor):
        for pg in self.opt.param_groups:
            pg["lr"] = pg["lr"] * factor

    def update(self):
        if self.last_iter < self.warm_iters:
            self._apply(self._factor())
        self.last_iter += 1

    def state_dict(self):
        return {"last_iter": self.last_iter}

    def load_state_dict(self, sd):
        self.last_iter = sd["last_iter"]


class DetectorTrainer:
    def __init__(self, net, loader, cfg):
        self.net = net
        self.loader = loader
        self.opt = torch.optim.SGD(net.parameters(), lr=cfg.TRAIN.LR, momentum=0.9, weight_decay=cfg.TRAIN.WD)
        self.warm = LinearWarmup(self.opt, warm_iters=cfg.TRAIN.WARM, start_factor=cfg.TRAIN.WARM_FACTOR)
        self.max_iter = cfg.TRAIN.MAX_ITER

    def run(self):
        self.net.train()
        it = 0
        while it < self.max_iter:
            for images, targets in self.loader:
                self.warm.update()
                loss_dict = self.net(images, targets)
                losses = sum(loss_dict.values())
                self.opt.zero_grad()
                losses.backward()
                self.opt.step()
                it += 1
                if it >= self.max_iter:
                    break
