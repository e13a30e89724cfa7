import torch
from torch.optim.lr_scheduler import _LRScheduler


class PolyLR(_LRScheduler):
    def __init__(self, optimizer, max_iters, power=0.9, last_epoch=-1, min_lr=1e-6):
        self.power = power
        self.max_iters = max_iters
        self.min_lr = min_lr
        super(PolyLR, self).__init__(optimizer, last_epoch)

    def get_lr(self):
        return [max(base_lr * (1 - self.last_epoch / self.max_iters) ** self.power, self.min_lr)
                for base_lr in self.base_lrs]


def build_optimizer(model, opts):
    optimizer = torch.optim.SGD(params=[
        {"params": model.backbone.parameters(), "lr": 0.1 * opts.lr},
        {"params": model.classifier.parameters(), "lr": opts.lr},
    ], lr=opts.lr, momentum=0.9, weight_decay=opts.weight_decay)
    scheduler = PolyLR(optimizer, opts.total_itrs, power=0.9)
    return optimizer, scheduler


def train(model, train_loader, criterion, opts):
    optimizer, scheduler = build_optimizer(model, opts)
    cur_itrs = 0
    while True:
        model.train()
        for images, labels in train_loader:
            cur_itrs += 1
            images = images.cuda()
            labels = labels.cuda().long()
            optimizer.zero_grad()
            outputs = model(images)
            loss = criterion(outputs, labels)
            loss.backward()
            optimizer.step()
            scheduler.step()
            if cur_itrs >= opts.total_itrs:
                return model
