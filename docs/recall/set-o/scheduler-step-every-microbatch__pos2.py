from dataclasses import dataclass

import torch
from torch.optim.lr_scheduler import LinearLR


@dataclass
class TrainConfig:
    epochs: int = 10
    lr: float = 5e-5
    accumulate: int = 8
    max_grad_norm: float = 1.0


class Trainer:
    def __init__(self, model, loader, conf: TrainConfig):
        self.model = model
        self.loader = loader
        self.conf = conf
        self.optimizer = torch.optim.AdamW(model.parameters(), lr=conf.lr)
        num_updates = conf.epochs * (len(loader) // conf.accumulate)
        self.lr_scheduler = LinearLR(self.optimizer, start_factor=1.0, end_factor=0.0,
                                     total_iters=num_updates)
        self.global_step = 0

    def _optimizer_step(self):
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.conf.max_grad_norm)
        self.optimizer.step()
        self.optimizer.zero_grad()
        self.global_step += 1

    def training_step(self, batch):
        out = self.model(**batch)
        loss = out.loss / self.conf.accumulate
        loss.backward()
        return loss.item() * self.conf.accumulate

    def train(self):
        self.model.train()
        for epoch in range(self.conf.epochs):
            for idx, batch in enumerate(self.loader):
                batch = {k: v.cuda() for k, v in batch.items()}
                loss = self.training_step(batch)
                if (idx + 1) % self.conf.accumulate == 0:
                    self._optimizer_step()
                self.lr_scheduler.step()
                if self.global_step % 50 == 0:
                    print(epoch, self.global_step, round(loss, 4))
