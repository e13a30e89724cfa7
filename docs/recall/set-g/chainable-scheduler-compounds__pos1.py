import torch
from torch.optim.lr_scheduler import MultiStepLR


class WarmupMultiStepLR(MultiStepLR):
    def __init__(self, optimizer, milestones, gamma=0.1, warmup_factor=1.0 / 3, warmup_iters=500, last_epoch=-1):
        self.warmup_factor = warmup_factor
        self.warmup_iters = warmup_iters
        super().__init__(optimizer, milestones, gamma, last_epoch)

    def get_lr(self):
        factor = 1.0
        if self.last_epoch < self.warmup_iters:
            alpha = (self.last_epoch + 1) / self.warmup_iters
            factor = self.warmup_factor * (1 - alpha) + alpha
        return [lr * factor for lr in super().get_lr()]


def do_train(model, data_loader, max_iter, checkpoint_period=2500):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    scheduler = WarmupMultiStepLR(optimizer, milestones=[60000, 80000])
    model.train()
    for iteration, (images, targets) in enumerate(data_loader, start=1):
        loss_dict = model(images, targets)
        losses = sum(loss for loss in loss_dict.values())
        optimizer.zero_grad()
        losses.backward()
        optimizer.step()
        scheduler.step()
        if iteration % checkpoint_period == 0:
            torch.save({"model": model.state_dict(), "sched": scheduler.state_dict()}, f"model_{iteration:07d}.pth")
        if iteration >= max_iter:
            break
