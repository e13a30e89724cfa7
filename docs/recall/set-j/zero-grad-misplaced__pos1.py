import logging

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

logger = logging.getLogger(__name__)


class KWSTrainer:
    """Keyword-spotting trainer: one optimiser step per batch."""

    def __init__(self, net, train_set, lr=1e-3, batch_size=128, device="cuda"):
        self.device = device
        self.net = net.to(device)
        self.criterion = nn.CrossEntropyLoss()
        self.opt = torch.optim.Adam(self.net.parameters(), lr=lr, weight_decay=1e-4)
        self.loader = DataLoader(train_set, batch_size=batch_size, shuffle=True,
                                 num_workers=4, drop_last=True)
        self.log_interval = 100

    def train_epoch(self, epoch):
        self.net.train()
        seen, running = 0, 0.0
        for batch_idx, (feats, target, lengths) in enumerate(self.loader):
            feats = feats.to(self.device)
            target = target.to(self.device)
            logits = self.net(feats, lengths)
            loss = self.criterion(logits, target)
            loss.backward()
            nn.utils.clip_grad_norm_(self.net.parameters(), 5.0)
            self.opt.step()
            running += loss.item()
            seen += 1
            if batch_idx % self.log_interval == 0:
                logger.info("epoch %d batch %d loss %.4f", epoch, batch_idx, running / seen)
        return running / max(seen, 1)

    def fit(self, num_epochs):
        history = []
        for epoch in range(num_epochs):
            history.append(self.train_epoch(epoch))
        return history
