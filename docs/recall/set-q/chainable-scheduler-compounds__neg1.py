import torch
from torch.optim.lr_scheduler import LambdaLR


class WarmUpLambdaLR(LambdaLR):
    """LambdaLR whose output is additionally scaled by a linear warm-up ramp."""

    def __init__(self, optimizer, lr_lambda, factor=0.3333, num_iters=500, last_epoch=-1):
        self.factor = factor
        self.num_iters = num_iters
        super().__init__(optimizer, lr_lambda, last_epoch)

    def get_lr(self):
        if self.last_epoch < self.num_iters:
            alpha = self.last_epoch / self.num_iters
            factor = self.factor * (1 - alpha) + alpha
        else:
            factor = 1.0
        return [lr * factor for lr in super().get_lr()]


def train(detector, loader, num_steps, milestones=(50000, 70000)):
    params = [p for p in detector.parameters() if p.requires_grad]
    optimizer = torch.optim.SGD(params, lr=0.001, momentum=0.9, weight_decay=5e-4)
    step_decay = lambda it: 0.1 ** sum(it >= m for m in milestones)  # noqa: E731
    scheduler = WarmUpLambdaLR(optimizer, step_decay, factor=0.3333, num_iters=500)
    step = 0
    detector.train()
    while step < num_steps:
        for images, boxes, labels in loader:
            loss = sum(detector(images, boxes, labels))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            step += 1
            if step == num_steps:
                break
