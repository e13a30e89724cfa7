import logging

import torch
from torch.optim.lr_scheduler import ExponentialLR

logger = logging.getLogger(__name__)


class KWSTrainer:
    def __init__(self, net, train_loader, cfg):
        self.net = net
        self.train_loader = train_loader
        self.cfg = cfg
        self.optim = torch.optim.Adam(net.parameters(), lr=cfg["optim"]["lr"],
                                      weight_decay=cfg["optim"].get("weight_decay", 0.0))
        self.sched = ExponentialLR(self.optim, gamma=cfg["optim"]["gamma"])
        self.grad_clip = cfg.get("grad_clip", 5.0)
        self.log_interval = cfg.get("log_interval", 100)

    def train_one_epoch(self, epoch, device):
        self.net.train()
        for batch_idx, (feats, target, feats_lengths) in enumerate(self.train_loader):
            feats = feats.to(device)
            target = target.to(device)
            logits = self.net(feats, feats_lengths)
            loss = self.criterion(logits, target)
            loss.backward()
            self.net.zero_grad()
            grad_norm = torch.nn.utils.clip_grad_norm_(self.net.parameters(), self.grad_clip)
            if torch.isfinite(grad_norm):
                self.optim.step()
            if batch_idx % self.log_interval == 0:
                logger.info("epoch %d batch %d loss %.6f", epoch, batch_idx, loss.item())
        self.sched.step()

    def criterion(self, logits, target):
        return torch.nn.functional.cross_entropy(logits, target)
