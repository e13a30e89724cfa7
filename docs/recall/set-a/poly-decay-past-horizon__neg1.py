import torch
import torch.nn as nn
from torch.optim.lr_scheduler import _LRScheduler


class PolyDecay(_LRScheduler):
    """Polynomial ("poly") policy; held at min_lr once max_iters is reached."""

    def __init__(self, optimizer, max_iters, power=0.9, last_epoch=-1, min_lr=1e-6):
        self.max_iters = max(1, max_iters)
        self.power = power
        self.min_lr = min_lr
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        t = min(self.last_epoch, self.max_iters)
        scale = (1 - t / self.max_iters) ** self.power
        return [max(base_lr * scale, self.min_lr) for base_lr in self.base_lrs]


def train(model, train_loader, opts, device="cuda"):
    optimizer = torch.optim.SGD(model.parameters(), lr=opts.lr, momentum=0.9, weight_decay=opts.weight_decay)
    scheduler = PolyDecay(optimizer, opts.epochs * len(train_loader), power=0.9)
    criterion = nn.CrossEntropyLoss(ignore_index=255)
    for epoch in range(opts.epochs):
        model.train()
        for images, labels in train_loader:
            images, labels = images.to(device), labels.to(device)
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()
            scheduler.step()
        print(f"epoch {epoch}: loss {loss.item():.4f} lr {scheduler.get_last_lr()[0]:.6f}")
