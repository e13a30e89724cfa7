from typing import List

import torch
from torch.optim import Optimizer
from torch.optim.lr_scheduler import MultiStepLR


class WarmUpMultiStepLR(MultiStepLR):
    def __init__(self, optimizer: Optimizer, milestones: List[int], gamma: float = 0.1,
                 warmup_factor: float = 1.0 / 3, warmup_iters: int = 500,
                 last_epoch: int = -1):
        self.warmup_factor = warmup_factor
        self.warmup_iters = warmup_iters
        super().__init__(optimizer, milestones, gamma, last_epoch)

    def get_lr(self) -> List[float]:
        factor = 1.0
        if self.last_epoch < self.warmup_iters:
            alpha = (self.last_epoch + 1) / self.warmup_iters
            factor = self.warmup_factor * (1 - alpha) + alpha
        return [lr * factor for lr in super().get_lr()]


def train(model, data_loader, num_steps, lr=0.01):
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.SGD(params, lr=lr, momentum=0.9, weight_decay=1e-4)
    scheduler = WarmUpMultiStepLR(optimizer, milestones=[int(num_steps * 0.7), int(num_steps * 0.9)])
    step = 0
    model.train()
    while step < num_steps:
        for images, targets in data_loader:
            losses = model(images, targets)
            loss = sum(losses.values())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            step += 1
            if step >= num_steps:
                break
    return model
