import math

import torch
from torch.optim.lr_scheduler import OneCycleLR


class Trainer:
    def __init__(self, model, loader, epochs=8, lr=3e-4, grad_accum=6):
        self.model = model.cuda()
        self.loader = loader
        self.epochs = epochs
        self.grad_accum = grad_accum
        self.opt = torch.optim.AdamW(model.parameters(), lr=lr)
        updates_per_epoch = math.ceil(len(loader) / grad_accum)
        self.sched = OneCycleLR(self.opt, max_lr=lr, epochs=epochs, steps_per_epoch=updates_per_epoch)

    def fit(self):
        n = len(self.loader)
        for epoch in range(self.epochs):
            self.model.train()
            for i, batch in enumerate(self.loader):
                batch = {k: v.cuda() for k, v in batch.items()}
                loss = self.model(**batch).loss / self.grad_accum
                loss.backward()
                if (i + 1) % self.grad_accum == 0 or i + 1 == n:
                    self.opt.step()
                    self.sched.step()
                    self.opt.zero_grad()
            print(f"epoch {epoch}: lr {self.sched.get_last_lr()[0]:.2e}")
