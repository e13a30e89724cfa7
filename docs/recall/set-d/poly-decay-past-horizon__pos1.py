import torch
import torch.nn as nn
from torch.optim.lr_scheduler import _LRScheduler


class PolyLR(_LRScheduler):
    def __init__(self, optimizer, max_iters, power=0.9, last_epoch=-1, min_lr=1e-6):
        self.power = power
        self.max_iters = max_iters
        self.min_lr = min_lr
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        return [
            max(base_lr * (1 - self.last_epoch / self.max_iters) ** self.power, self.min_lr)
            for base_lr in self.base_lrs
        ]


def main(model, train_loader, opts):
    optimizer = torch.optim.SGD(
        params=[
            {"params": model.backbone.parameters(), "lr": 0.1 * opts.lr},
            {"params": model.classifier.parameters(), "lr": opts.lr},
        ],
        lr=opts.lr, momentum=0.9, weight_decay=opts.weight_decay,
    )
    scheduler = PolyLR(optimizer, opts.total_itrs, power=0.9)
    criterion = nn.CrossEntropyLoss(ignore_index=255, reduction="mean")
    cur_itrs = 0
    while True:
        model.train()
        for images, labels in train_loader:
            cur_itrs += 1
            outputs = model(images)
            loss = criterion(outputs, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            if cur_itrs % 10 == 0:
                print(f"Itrs {cur_itrs}/{opts.total_itrs}, Loss={loss.item():.4f}")
            if cur_itrs >= opts.total_itrs:
                return
