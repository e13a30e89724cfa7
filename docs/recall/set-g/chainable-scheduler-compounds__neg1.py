import math

import torch
from torch.optim.lr_scheduler import LambdaLR


class ScaledCosine(LambdaLR):
    """Closed-form cosine schedule whose output is scaled by the global batch size."""

    def __init__(self, optimizer, total_epochs, batch_size, ref_batch=256, last_epoch=-1):
        self.scale = batch_size / ref_batch
        self.total_epochs = max(1, total_epochs)
        super().__init__(optimizer, lr_lambda=self._cosine, last_epoch=last_epoch)

    def _cosine(self, epoch):
        t = min(epoch, self.total_epochs)
        return 0.5 * (1.0 + math.cos(math.pi * t / self.total_epochs))

    def get_lr(self):
        return [lr * self.scale for lr in super().get_lr()]


def train(net, loader, args):
    opt = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.wd)
    sched = ScaledCosine(opt, total_epochs=args.epochs, batch_size=args.batch_size * args.world_size)
    for epoch in range(args.epochs):
        net.train()
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(net(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
