from collections import defaultdict

import torch
from torch.utils.data import DataLoader

from .losses import box_loss, cls_loss


class DetTrainer:
    def __init__(self, detector, train_set, cfg):
        self.cfg = cfg
        self.detector = detector.to(cfg.device)
        self.loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True,
                                 num_workers=cfg.workers, collate_fn=train_set.collate)
        self.opt = torch.optim.SGD(self.detector.parameters(), lr=cfg.lr, momentum=0.937,
                                   weight_decay=5e-4)

    def train_epoch(self, epoch):
        self.detector.train()
        stats = defaultdict(float)
        for imgs, targets in self.loader:
            imgs = imgs.to(self.cfg.device, non_blocking=True)
            targets = targets.to(self.cfg.device)
            self.opt.zero_grad()
            cls_out, box_out = self.detector(imgs)
            l_cls = cls_loss(cls_out, targets)
            l_box = box_loss(box_out, targets)
            loss = l_cls + self.cfg.box_weight * l_box
            loss.backward()
            self.opt.step()
            stats["cls"] += l_cls.item()
            stats["box"] += l_box.item()
            stats["total"] += loss
        n = len(self.loader)
        return {k: float(v) / n for k, v in stats.items()}

    def fit(self):
        for epoch in range(self.cfg.epochs):
            log = self.train_epoch(epoch)
            print(epoch, " ".join(f"{k}={v:.4f}" for k, v in log.items()))
