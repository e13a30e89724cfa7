import math

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import OneCycleLR
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, model, train_ds, cfg):
        self.model = model.to(cfg.device)
        self.cfg = cfg
        self.train_dl = DataLoader(train_ds, batch_size=cfg.batch_size, shuffle=True,
                                   num_workers=cfg.workers, collate_fn=train_ds.collate)
        self.opt = torch.optim.Adam(self.model.parameters(), lr=cfg.lr)
        iters_per_epoch = math.floor(len(train_ds) / cfg.batch_size)
        self.sched = OneCycleLR(
            self.opt,
            max_lr=cfg.lr,
            total_steps=cfg.epochs * iters_per_epoch,
            pct_start=0.25,
            anneal_strategy="cos",
        )

    def step(self, batch):
        tokens, tags, mask = (t.to(self.cfg.device) for t in batch)
        emissions = self.model(tokens, mask)
        loss = F.cross_entropy(emissions[mask], tags[mask])
        self.opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), 5.0)
        self.opt.step()
        self.sched.step()
        return loss.item()

    def fit(self):
        for epoch in range(self.cfg.epochs):
            self.model.train()
            losses = [self.step(batch) for batch in self.train_dl]
            print(f"epoch {epoch} loss {sum(losses) / len(losses):.4f} "
                  f"lr {self.sched.get_last_lr()[0]:.2e}")
