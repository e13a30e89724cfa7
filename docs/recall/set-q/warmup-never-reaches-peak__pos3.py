import torch
from torch import nn


class SegTrainer:
    """Constant-LR fine-tuning with a linear warm-up over the first epoch."""

    def __init__(self, net: nn.Module, loader, base_lr=1e-3, epochs=20):
        self.net = net
        self.loader = loader
        self.base_lr = base_lr
        self.epochs = epochs
        self.opt = torch.optim.Adam(net.parameters(), lr=base_lr)
        self.warm_steps = len(loader)
        self.global_step = 0
        self.criterion = nn.CrossEntropyLoss(ignore_index=255)

    def _warmup(self):
        if self.global_step < self.warm_steps:
            scale = self.global_step / self.warm_steps
            for g in self.opt.param_groups:
                g["lr"] = self.base_lr * scale

    def train_epoch(self, epoch):
        self.net.train()
        for i, (img, mask) in enumerate(self.loader):
            self._warmup()
            out = self.net(img)
            loss = self.criterion(out, mask)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            self.global_step += 1
            if i % 50 == 0:
                print(f"[{epoch}:{i}] loss={loss.item():.4f} lr={self.opt.param_groups[0]['lr']:.2e}")

    def fit(self):
        for epoch in range(self.epochs):
            self.train_epoch(epoch)
