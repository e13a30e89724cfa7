import torch
from torch.optim.lr_scheduler import ExponentialLR


class WarmupExponentialLR(ExponentialLR):
    def __init__(self, optimizer, gamma, warmup_epochs=5, start_factor=0.1, last_epoch=-1):
        self.warmup_epochs = warmup_epochs
        self.start_factor = start_factor
        super(WarmupExponentialLR, self).__init__(optimizer, gamma, last_epoch)

    def _warm_factor(self):
        if self.last_epoch >= self.warmup_epochs:
            return 1.0
        progress = self.last_epoch / self.warmup_epochs
        return self.start_factor + (1.0 - self.start_factor) * progress

    def get_lr(self):
        base = super(WarmupExponentialLR, self).get_lr()
        w = self._warm_factor()
        return [lr * w for lr in base]


def main(model, train_loader, args):
    opt = torch.optim.RMSprop(model.parameters(), lr=args.lr, alpha=0.9, momentum=0.9, eps=0.0316)
    sched = WarmupExponentialLR(opt, gamma=0.97, warmup_epochs=args.warmup_epochs)
    criterion = torch.nn.CrossEntropyLoss()
    for epoch in range(args.epochs):
        model.train()
        for x, y in train_loader:
            opt.zero_grad()
            criterion(model(x), y).backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch}: lr {sched.get_last_lr()[0]:.5f}")
