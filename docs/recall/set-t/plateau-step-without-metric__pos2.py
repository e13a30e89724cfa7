import torch
import torch.nn as nn
from torch.optim.lr_scheduler import ReduceLROnPlateau


class Trainer:
    def __init__(self, model, loader, cfg):
        self.model = model
        self.loader = loader
        self.cfg = cfg
        self.criterion = nn.CrossEntropyLoss()
        self.optimizer = torch.optim.SGD(model.parameters(), lr=cfg["lr"], momentum=0.9)
        self.scheduler = ReduceLROnPlateau(self.optimizer, mode="min",
                                           factor=cfg.get("factor", 0.5),
                                           patience=cfg.get("patience", 3))

    def train_step(self, inputs, targets):
        outputs = self.model(inputs)
        loss = self.criterion(outputs, targets)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        self.scheduler.step(loss.item())
        return loss.item()

    def train_epoch(self):
        self.model.train()
        losses = [self.train_step(x.cuda(), y.cuda()) for x, y in self.loader]
        return sum(losses) / max(1, len(losses))

    def fit(self):
        for epoch in range(self.cfg["epochs"]):
            avg = self.train_epoch()
            print(f"epoch {epoch}: train loss {avg:.4f}")
