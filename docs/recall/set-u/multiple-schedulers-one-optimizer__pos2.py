import torch
from torch.optim.lr_scheduler import LambdaLR, StepLR


class DetectorTrainer:
    def __init__(self, cfg, detector, loader):
        self.cfg = cfg
        self.detector = detector.cuda()
        self.loader = loader
        params = [p for p in self.detector.parameters() if p.requires_grad]
        self.opt = torch.optim.SGD(params, lr=cfg["lr"], momentum=0.9, weight_decay=1e-4)
        self.warm_iters = cfg["warm_iters"]
        self.ramp = LambdaLR(self.opt, self._ramp_factor)
        self.step_decay = StepLR(self.opt, step_size=cfg["lr_step_epochs"], gamma=0.1)

    def _ramp_factor(self, it):
        if it >= self.warm_iters:
            return 1.0
        alpha = (it + 1) / self.warm_iters
        return 0.001 * (1 - alpha) + alpha

    def train_one_epoch(self, epoch):
        self.detector.train()
        for images, targets in self.loader:
            images = [im.cuda() for im in images]
            targets = [{k: v.cuda() for k, v in t.items()} for t in targets]
            loss_dict = self.detector(images, targets)
            loss = sum(loss_dict.values())
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            self.ramp.step()

    def fit(self):
        for epoch in range(self.cfg["epochs"]):
            self.train_one_epoch(epoch)
            self.step_decay.step()
