import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, model, train_loader, cfg):
        self.model = model
        self.train_loader = train_loader
        self.cfg = cfg
        self.optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
        total_steps = cfg.epochs * len(train_loader)
        self.lr_scheduler = CosineAnnealingLR(self.optimizer, T_max=total_steps, eta_min=cfg.min_lr)
        self.global_step = 0

    def _update(self, loss):
        self.optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.cfg.max_grad_norm)
        self.lr_scheduler.step()
        self.optimizer.step()
        self.global_step += 1

    def training_step(self, batch):
        outputs = self.model(**batch)
        return outputs.loss

    def train(self):
        for epoch in range(self.cfg.epochs):
            self.model.train()
            for batch in self.train_loader:
                loss = self.training_step(batch)
                self._update(loss)
                if self.global_step % self.cfg.log_every == 0:
                    print(self.global_step, loss.item(), self.lr_scheduler.get_last_lr()[0])
