import logging

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR

log = logging.getLogger(__name__)


class ContrastiveTrainer:
    def __init__(self, encoder, loader, criterion, n_epochs=100, lr=0.3, wd=1e-6):
        self.encoder = encoder
        self.loader = loader
        self.criterion = criterion
        self.n_epochs = n_epochs
        self.optimizer = torch.optim.SGD(encoder.parameters(), lr=lr, momentum=0.9, weight_decay=wd)
        self.iters_per_epoch = len(loader)
        self.total_iters = n_epochs * self.iters_per_epoch
        self.scheduler = CosineAnnealingLR(self.optimizer, T_max=self.total_iters, eta_min=0.0)

    def on_epoch_end(self, epoch, mean_loss):
        self.scheduler.step()
        log.info("epoch %d loss %.4f lr %.5f", epoch, mean_loss, self.scheduler.get_last_lr()[0])

    def train(self):
        self.encoder.train()
        for epoch in range(self.n_epochs):
            loss_sum = 0.0
            for (view_a, view_b), _ in self.loader:
                view_a = view_a.cuda(non_blocking=True)
                view_b = view_b.cuda(non_blocking=True)
                z_a, z_b = self.encoder(view_a), self.encoder(view_b)
                loss = self.criterion(z_a, z_b)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
                loss_sum += loss.item()
            self.on_epoch_end(epoch, loss_sum / self.iters_per_epoch)
