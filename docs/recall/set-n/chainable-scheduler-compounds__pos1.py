import torch
from torch.optim.lr_scheduler import MultiStepLR


class WarmUpMultiStepLR(MultiStepLR):
    def __init__(self, optimizer, milestones, gamma=0.1, factor=0.3333, num_iters=500,
                 last_epoch=-1):
        self.factor = factor
        self.num_iters = num_iters
        super().__init__(optimizer, milestones, gamma, last_epoch)

    def get_lr(self):
        lrs = super().get_lr()
        if self.last_epoch < self.num_iters:
            alpha = (self.last_epoch + 1) / self.num_iters
            warm = self.factor * (1 - alpha) + alpha
            lrs = [lr * warm for lr in lrs]
        return lrs


def train(model, loader, num_steps, lr=0.001, step_lr_sizes=(50000, 70000)):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    scheduler = WarmUpMultiStepLR(optimizer, milestones=list(step_lr_sizes), gamma=0.1)
    step = 0
    model.train()
    while step < num_steps:
        for images, gt_boxes, gt_labels in loader:
            losses = model(images.cuda(), gt_boxes.cuda(), gt_labels.cuda())
            loss = sum(losses)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            step += 1
            if step % 100 == 0:
                print(f"[Step {step}] loss={loss.item():.4f} lr={scheduler.get_last_lr()[0]:.6f}")
            if step >= num_steps:
                break
