import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, model, loader, epochs=100, base_lr=1e-3, warm_iters=1000):
        self.model = model.cuda()
        self.loader = loader
        self.epochs = epochs
        self.base_lr = base_lr
        self.warm_iters = warm_iters
        self.opt = torch.optim.AdamW(self.model.parameters(), lr=base_lr, weight_decay=0.05)
        self.sched = CosineAnnealingLR(self.opt, T_max=epochs * len(loader), eta_min=1e-6)
        self.it = 0

    def _warmup_lr(self):
        ratio = (self.it + 1) / self.warm_iters
        for g in self.opt.param_groups:
            g["lr"] = self.base_lr * ratio

    def train_epoch(self, epoch):
        self.model.train()
        for x, y in self.loader:
            if self.it < self.warm_iters:
                self._warmup_lr()
            x, y = x.cuda(), y.cuda()
            loss = F.cross_entropy(self.model(x), y)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            self.sched.step()
            self.it += 1

    def fit(self):
        for epoch in range(self.epochs):
            self.train_epoch(epoch)
            print(f"epoch {epoch} lr {self.opt.param_groups[0]['lr']:.2e}")
