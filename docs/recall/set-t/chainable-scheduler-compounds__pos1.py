import torch
from torch.optim.lr_scheduler import MultiStepLR


class WarmUpMultiStepLR(MultiStepLR):
    def __init__(self, optimizer, milestones, gamma=0.1, factor=0.3333,
                 num_iters=500, last_epoch=-1):
        self.factor = factor
        self.num_iters = num_iters
        super().__init__(optimizer, milestones, gamma, last_epoch)

    def get_lr(self):
        if self.last_epoch < self.num_iters:
            alpha = self.last_epoch / self.num_iters
            factor = (1 - self.factor) * alpha + self.factor
        else:
            factor = 1.0
        return [lr * factor for lr in super().get_lr()]


def build(model, base_lr, steps):
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.SGD(params, lr=base_lr, momentum=0.9, weight_decay=1e-4)
    scheduler = WarmUpMultiStepLR(optimizer, milestones=steps, gamma=0.1,
                                  factor=0.3333, num_iters=500)
    return optimizer, scheduler


def train(model, loader, base_lr=0.001, steps=(50000, 70000), num_steps=90000):
    optimizer, scheduler = build(model, base_lr, list(steps))
    step = 0
    model.train()
    while step < num_steps:
        for images, targets in loader:
            loss = model(images, targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            step += 1
            if step >= num_steps:
                break
