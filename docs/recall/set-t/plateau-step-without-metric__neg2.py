import torch
import torch.nn as nn
from torch.optim.lr_scheduler import ReduceLROnPlateau


class Trainer:
    def __init__(self, model, loaders, cfg, metric_fn):
        self.model = model
        self.train_loader, self.val_loader = loaders
        self.cfg = cfg
        self.metric_fn = metric_fn
        self.criterion = nn.CrossEntropyLoss(ignore_index=255)
        self.optimizer = torch.optim.SGD(model.parameters(), lr=cfg["lr"], momentum=0.9)
        self.scheduler = ReduceLROnPlateau(self.optimizer, mode="max",
                                           factor=cfg.get("factor", 0.5),
                                           patience=cfg.get("patience", 3))

    def train_step(self, inputs, targets):
        loss = self.criterion(self.model(inputs), targets)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()

    def train_epoch(self):
        self.model.train()
        losses = [self.train_step(x.cuda(), y.cuda()) for x, y in self.train_loader]
        return sum(losses) / max(1, len(losses))

    def fit(self):
        for epoch in range(self.cfg["epochs"]):
            avg = self.train_epoch()
            metrics = self.metric_fn(self.model, self.val_loader)
            self.scheduler.step(metrics["miou"])
            print(f"epoch {epoch}: train loss {avg:.4f} mIoU {metrics['miou']:.3f}")
