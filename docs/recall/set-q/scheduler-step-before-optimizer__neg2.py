import torch
from torch.optim.lr_scheduler import MultiStepLR


class Trainer:
    def __init__(self, model, train_loader, cfg):
        self.model = model
        self.train_loader = train_loader
        self.cfg = cfg
        self.optimizer = torch.optim.SGD(model.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=1e-4)
        self.lr_scheduler = MultiStepLR(self.optimizer, milestones=cfg.milestones, gamma=0.1)

    def _update(self, loss):
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()

    def train(self):
        for epoch in range(self.cfg.epochs):
            self.model.train()
            for images, targets in self.train_loader:
                loss = torch.nn.functional.cross_entropy(self.model(images), targets)
                self._update(loss)
            self.lr_scheduler.step()
            print(f"epoch {epoch} lr {self.lr_scheduler.get_last_lr()[0]:.5f}")
