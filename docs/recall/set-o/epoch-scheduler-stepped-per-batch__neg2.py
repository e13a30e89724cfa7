import math

import torch
from torch import nn
from torch.optim.lr_scheduler import CosineAnnealingLR


class SegTrainer:
    def __init__(self, model, loaders, args):
        self.model = model.cuda()
        self.train_loader, self.val_loader = loaders
        self.epochs = args.epochs
        self.iters_per_epoch = len(self.train_loader)
        self.criterion = nn.CrossEntropyLoss(ignore_index=255)
        self.optim = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05)
        self.sched = CosineAnnealingLR(
            self.optim, T_max=self.epochs * self.iters_per_epoch, eta_min=1e-6
        )

    def _train_epoch(self, epoch):
        self.model.train()
        for i, (img, mask) in enumerate(self.train_loader):
            img, mask = img.cuda(non_blocking=True), mask.cuda(non_blocking=True)
            self.optim.zero_grad()
            loss = self.criterion(self.model(img), mask)
            loss.backward()
            self.optim.step()
            self.sched.step()
            if i % 50 == 0:
                print(f"ep {epoch} it {i}/{self.iters_per_epoch} "
                      f"loss {loss.item():.4f} lr {self.sched.get_last_lr()[0]:.6f}")

    @torch.no_grad()
    def _validate(self):
        self.model.eval()
        total = 0.0
        for img, mask in self.val_loader:
            total += self.criterion(self.model(img.cuda()), mask.cuda()).item()
        return total / max(1, len(self.val_loader))

    def train(self):
        best = math.inf
        for epoch in range(self.epochs):
            self._train_epoch(epoch)
            val = self._validate()
            if val < best:
                best = val
                torch.save(self.model.state_dict(), "best.pth")
        return best
