import torch
from torch.optim.lr_scheduler import LRScheduler


class PolyLR(LRScheduler):
    """Polynomial ("poly") learning-rate policy used for semantic segmentation."""

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


def train(model, loader, criterion, opts, device="cuda"):
    optimizer = torch.optim.SGD(
        params=[
            {"params": model.backbone.parameters(), "lr": 0.1 * opts.lr},
            {"params": model.classifier.parameters(), "lr": opts.lr},
        ],
        lr=opts.lr, momentum=0.9, weight_decay=opts.weight_decay,
    )
    scheduler = PolyLR(optimizer, opts.total_itrs, power=0.9)
    model.to(device).train()
    cur_itrs = 0
    interval_loss = 0.0
    while True:
        for images, labels in loader:
            cur_itrs += 1
            images = images.to(device, dtype=torch.float32)
            labels = labels.to(device, dtype=torch.long)
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()
            scheduler.step()
            interval_loss += loss.item()
            if cur_itrs % 10 == 0:
                print(f"Itrs {cur_itrs}/{opts.total_itrs}, Loss={interval_loss / 10:.4f}")
                interval_loss = 0.0
            if cur_itrs >= opts.total_itrs:
                return model
