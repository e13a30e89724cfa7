import torch
from torch.optim.lr_scheduler import MultiStepLR


class WarmUpMultiStepLR(MultiStepLR):
    def __init__(self, optimizer, milestones, gamma=0.1, factor=1.0 / 3, num_iters=500, last_epoch=-1):
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


def train(detector, loader, num_steps, lr=0.001, step_lr_sizes=(50000, 70000)):
    optimizer = torch.optim.SGD(detector.parameters(), lr=lr, momentum=0.9, weight_decay=0.0005)
    scheduler = WarmUpMultiStepLR(optimizer, milestones=list(step_lr_sizes), gamma=0.1)
    step = 0
    detector.train()
    while step < num_steps:
        for image_batch, bboxes_batch, labels_batch in loader:
            losses = detector(image_batch, bboxes_batch, labels_batch)
            loss = sum(losses)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            step += 1
            if step >= num_steps:
                break
