import math

import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, net, loader, epochs, lr=1e-4, accum_steps=4):
        self.net = net.cuda()
        self.loader = loader
        self.epochs = epochs
        self.accum_steps = accum_steps
        self.opt = torch.optim.AdamW(self.net.parameters(), lr=lr, betas=(0.9, 0.95))
        n_updates = epochs * math.ceil(len(loader) / accum_steps)
        self.sched = CosineAnnealingLR(self.opt, T_max=n_updates, eta_min=lr * 0.01)
        self.micro = 0

    def _optimizer_step(self):
        torch.nn.utils.clip_grad_norm_(self.net.parameters(), max_norm=1.0)
        self.opt.step()
        self.opt.zero_grad(set_to_none=True)

    def _backward(self, x, y):
        logits = self.net(x)
        loss = F.cross_entropy(logits, y) / self.accum_steps
        loss.backward()
        self.micro += 1
        if self.micro % self.accum_steps == 0:
            self._optimizer_step()
        return loss.item() * self.accum_steps

    def train_epoch(self, epoch):
        self.net.train()
        losses = []
        for x, y in self.loader:
            losses.append(self._backward(x.cuda(), y.cuda()))
            self.sched.step()
        print(f"epoch {epoch} loss {sum(losses) / len(losses):.4f} lr {self.sched.get_last_lr()[0]:.3e}")

    def fit(self):
        for epoch in range(self.epochs):
            self.train_epoch(epoch)
