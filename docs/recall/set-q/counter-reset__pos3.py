import math

import torch


class CosineDecay(object):
    """Minimal cosine schedule; call step() once per epoch or step(epoch) to jump."""

    def __init__(self, optimizer, max_epochs, lr_min=0.0):
        self.optimizer = optimizer
        self.max_epochs = max(1, max_epochs)
        self.lr_min = lr_min
        self.base_lrs = [group["lr"] for group in optimizer.param_groups]
        self.last_epoch = 0

    def get_lr(self):
        ratio = min(self.last_epoch, self.max_epochs) / self.max_epochs
        return [
            self.lr_min + (base - self.lr_min) * 0.5 * (1 + math.cos(math.pi * ratio))
            for base in self.base_lrs
        ]

    def step(self, epoch=None):
        if epoch is None:
            self.last_epoch = 0
        else:
            self.last_epoch = epoch
        for group, lr in zip(self.optimizer.param_groups, self.get_lr()):
            group["lr"] = lr

    def state_dict(self):
        return {"last_epoch": self.last_epoch, "base_lrs": self.base_lrs}

    def load_state_dict(self, state_dict):
        self.__dict__.update(state_dict)


def fit(model, loader, args):
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, nesterov=True)
    lr_schedule = CosineDecay(optimizer, max_epochs=args.epochs, lr_min=args.lr * 1e-3)
    for epoch in range(args.epochs):
        model.train()
        for step, (inputs, targets) in enumerate(loader):
            out = model(inputs)
            loss = torch.nn.functional.mse_loss(out, targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        lr_schedule.step()
