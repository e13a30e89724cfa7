import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR


class Trainer:
    def __init__(self, model, train_loader, cfg):
        self.model = model
        self.train_loader = train_loader
        self.cfg = cfg
        self.optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr,
                                           weight_decay=cfg.weight_decay)
        self.lr_scheduler = None

    def _ensure_scheduler(self):
        # built lazily so that len(train_loader) is final
        if self.lr_scheduler is None:
            self.lr_scheduler = OneCycleLR(
                self.optimizer,
                max_lr=self.cfg.lr,
                epochs=self.cfg.epochs,
                steps_per_epoch=len(self.train_loader),
            )

    def train_epoch(self, epoch):
        self._ensure_scheduler()
        self.model.train()
        losses = []
        for src, tgt in self.train_loader:
            src, tgt = src.cuda(), tgt.cuda()
            self.optimizer.zero_grad()
            logits = self.model(src, tgt[:, :-1])
            loss = F.cross_entropy(logits.transpose(1, 2), tgt[:, 1:], ignore_index=0)
            loss.backward()
            self.optimizer.step()
            self.lr_scheduler.step()
            losses.append(loss.item())
        return sum(losses) / max(1, len(losses))

    def fit(self):
        for epoch in range(self.cfg.epochs):
            print(f"epoch {epoch} loss {self.train_epoch(epoch):.4f}")
