import torch
import torch.nn as nn
from torch.optim.lr_scheduler import _LRScheduler


class PolyDecay(_LRScheduler):
    """Polynomial ("poly") learning-rate policy used for semantic segmentation."""

    def __init__(self, optimizer, max_iters, power=0.9, last_epoch=-1, min_lr=1e-6):
        self.max_iters = max_iters
        self.power = power
        self.min_lr = min_lr
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        scale = (1 - self.last_epoch / self.max_iters) ** self.power
        return [max(base_lr * scale, self.min_lr) for base_lr in self.base_lrs]


def train(model, train_loader, opts, device="cuda"):
    optimizer = torch.optim.SGD(
        [
            {"params": model.backbone.parameters(), "lr": 0.1 * opts.lr},
            {"params": model.classifier.parameters(), "lr": opts.lr},
        ],
        lr=opts.lr,
        momentum=0.9,
        weight_decay=opts.weight_decay,
    )
    scheduler = PolyDecay(optimizer, opts.total_itrs, power=0.9)
    criterion = nn.CrossEntropyLoss(ignore_index=255, reduction="mean")
    cur_itrs = 0
    for epoch in range(opts.epochs):
        model.train()
        for images, labels in train_loader:
            cur_itrs += 1
            images = images.to(device, dtype=torch.float32)
            labels = labels.to(device, dtype=torch.long)
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()
            scheduler.step()
            if cur_itrs % 10 == 0:
                print(f"Epoch {epoch}, Itrs {cur_itrs}/{opts.total_itrs}, Loss={loss.item():.4f}")
        torch.save({"model_state": model.state_dict(), "scheduler_state": scheduler.state_dict()}, "latest.pth")
    return model
