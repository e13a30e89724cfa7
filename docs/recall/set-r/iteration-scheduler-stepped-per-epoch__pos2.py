import logging

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR

log = logging.getLogger(__name__)


class DetectorTrainer:
    def __init__(self, model, train_loader, cfg):
        self.model = model
        self.train_loader = train_loader
        self.cfg = cfg
        params = [p for p in model.parameters() if p.requires_grad]
        self.optimizer = torch.optim.SGD(params, lr=cfg.SOLVER.BASE_LR,
                                         momentum=cfg.SOLVER.MOMENTUM,
                                         weight_decay=cfg.SOLVER.WEIGHT_DECAY)
        self.max_iter = cfg.SOLVER.EPOCHS * len(train_loader)
        self.scheduler = CosineAnnealingLR(self.optimizer, T_max=self.max_iter,
                                           eta_min=cfg.SOLVER.BASE_LR * 0.01)

    def _run_epoch(self, epoch):
        self.model.train()
        for it, (images, targets) in enumerate(self.train_loader):
            images = [img.cuda() for img in images]
            targets = [{k: v.cuda() for k, v in t.items()} for t in targets]
            loss_dict = self.model(images, targets)
            losses = sum(loss_dict.values())

            self.optimizer.zero_grad()
            losses.backward()
            self.optimizer.step()

            if it % self.cfg.LOG_PERIOD == 0:
                log.info("epoch %d iter %d loss %.4f", epoch, it, losses.item())

    def train(self):
        for epoch in range(self.cfg.SOLVER.EPOCHS):
            self._run_epoch(epoch)
            self.scheduler.step()
            torch.save({"model": self.model.state_dict(),
                        "optimizer": self.optimizer.state_dict(),
                        "scheduler": self.scheduler.state_dict(),
                        "epoch": epoch},
                       f"{self.cfg.OUTPUT_DIR}/model_{epoch:04d}.pth")
