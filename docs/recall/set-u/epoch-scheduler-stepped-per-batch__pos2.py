import logging

import torch
from torch.optim.lr_scheduler import MultiStepLR

logger = logging.getLogger(__name__)


class Trainer:
    def __init__(self, cfg, model, train_loader):
        self.cfg = cfg
        self.model = model.cuda()
        self.train_loader = train_loader
        self.opt = torch.optim.SGD(
            self.model.parameters(),
            lr=cfg.SOLVER.BASE_LR,
            momentum=cfg.SOLVER.MOMENTUM,
            weight_decay=cfg.SOLVER.WEIGHT_DECAY,
        )
        # decay by 10x at the given epochs, e.g. (30, 60, 80)
        self.lr_sched = MultiStepLR(self.opt, milestones=list(cfg.SOLVER.DECAY_EPOCHS), gamma=0.1)
        self.iteration = 0

    def _update(self, batch):
        inputs = batch["image"].cuda(non_blocking=True)
        targets = batch["label"].cuda(non_blocking=True)
        losses = self.model(inputs, targets)
        total = sum(losses.values())
        self.opt.zero_grad()
        total.backward()
        self.opt.step()
        self.lr_sched.step()
        self.iteration += 1
        return {k: v.item() for k, v in losses.items()}

    def train_one_epoch(self, epoch):
        self.model.train()
        for batch in self.train_loader:
            stats = self._update(batch)
            if self.iteration % self.cfg.LOG_PERIOD == 0:
                logger.info("epoch %d iter %d %s lr=%.6f", epoch, self.iteration, stats,
                            self.opt.param_groups[0]["lr"])

    def fit(self):
        for epoch in range(self.cfg.SOLVER.MAX_EPOCHS):
            self.train_one_epoch(epoch)
