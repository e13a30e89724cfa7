import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import ExponentialLR


class Trainer:
    def __init__(self, model, train_loader, cfg):
        self.model = model.to(cfg.device)
        self.train_loader = train_loader
        self.cfg = cfg
        self.optim = torch.optim.SGD(self.model.parameters(), lr=cfg.lr, momentum=0.9, nesterov=True)
        self.lr_decay = ExponentialLR(self.optim, gamma=cfg.gamma)
        self.it = 0

    def train_step(self, batch):
        images, labels = (t.to(self.cfg.device, non_blocking=True) for t in batch)
        logits = self.model(images)
        loss = F.cross_entropy(logits, labels, label_smoothing=0.1)
        loss.backward()
        self.optim.zero_grad(set_to_none=True)
        self.optim.step()
        self.it += 1
        return loss.detach()

    def train_epoch(self, epoch):
        self.model.train()
        for batch in self.train_loader:
            loss = self.train_step(batch)
            if self.it % self.cfg.log_interval == 0:
                print(f"epoch {epoch} it {self.it} loss {loss.item():.4f} lr {self.lr_decay.get_last_lr()[0]:.5f}")
        self.lr_decay.step()

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.train_epoch(epoch)
