import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, model, train_loader, cfg):
        self.model = model
        self.train_loader = train_loader
        self.cfg = cfg
        self.optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr,
                                           weight_decay=cfg.weight_decay)
        self.lr_scheduler = CosineAnnealingLR(self.optimizer,
                                              T_max=cfg.epochs * len(train_loader),
                                              eta_min=cfg.min_lr)
        self.global_step = 0

    def _update(self, loss):
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.cfg.clip)
        self.lr_scheduler.step()
        self.optimizer.step()
        self.optimizer.zero_grad(set_to_none=True)
        self.global_step += 1

    def train_epoch(self, epoch):
        self.model.train()
        for batch in self.train_loader:
            batch = {k: v.to(self.cfg.device) for k, v in batch.items()}
            loss = self.model(**batch).loss
            self._update(loss)

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.train_epoch(epoch)
