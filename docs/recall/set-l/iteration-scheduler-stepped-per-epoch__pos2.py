import time

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class DetTrainer:
    def __init__(self, cfg, detector, data_loader):
        self.cfg = cfg
        self.detector = detector
        self.data_loader = data_loader
        params = [p for p in detector.parameters() if p.requires_grad]
        self.optim = torch.optim.SGD(params, lr=cfg.SOLVER.BASE_LR, momentum=0.9,
                                     weight_decay=cfg.SOLVER.WEIGHT_DECAY)
        iters_per_epoch = len(data_loader)
        self.sched = CosineAnnealingLR(self.optim, T_max=cfg.TRAIN.EPOCHS * iters_per_epoch)
        self.epoch = 0

    def train_one_epoch(self):
        self.detector.train()
        tic = time.time()
        for images, targets in self.data_loader:
            images = [img.cuda() for img in images]
            targets = [{k: v.cuda() for k, v in t.items()} for t in targets]
            loss_dict = self.detector(images, targets)
            losses = sum(loss_dict.values())
            self.optim.zero_grad()
            losses.backward()
            self.optim.step()
        return time.time() - tic

    def on_epoch_end(self):
        self.sched.step()
        self.epoch += 1

    def train(self):
        while self.epoch < self.cfg.TRAIN.EPOCHS:
            elapsed = self.train_one_epoch()
            print(f"epoch {self.epoch} took {elapsed:.1f}s, lr={self.sched.get_last_lr()[0]:.5f}")
            self.on_epoch_end()
