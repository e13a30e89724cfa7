import torch
from torch.optim.lr_scheduler import MultiStepLR


class WarmupMultiStepLR(MultiStepLR):
    def __init__(self, optimizer, milestones, gamma=0.1, warmup_factor=1.0 / 3, warmup_iters=500,
                 last_epoch=-1):
        self.warmup_factor = warmup_factor
        self.warmup_iters = warmup_iters
        super().__init__(optimizer, milestones, gamma=gamma, last_epoch=last_epoch)

    def get_lr(self):
        factor = 1.0
        if self.last_epoch < self.warmup_iters:
            alpha = (self.last_epoch + 1) / self.warmup_iters
            factor = self.warmup_factor * (1 - alpha) + alpha
        return [lr * factor for lr in super().get_lr()]


def do_train(model, data_loader, cfg):
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.SGD(params, lr=cfg.SOLVER.BASE_LR, momentum=0.9, weight_decay=cfg.SOLVER.WEIGHT_DECAY)
    scheduler = WarmupMultiStepLR(optimizer, tuple(cfg.SOLVER.STEPS), cfg.SOLVER.GAMMA,
                                  warmup_iters=cfg.SOLVER.WARMUP_ITERS)
    model.train()
    for iteration, (images, targets) in enumerate(data_loader):
        loss_dict = model(images, targets)
        losses = sum(loss for loss in loss_dict.values())
        optimizer.zero_grad()
        losses.backward()
        optimizer.step()
        scheduler.step()
        if iteration % 20 == 0:
            print(f"iter {iteration} loss {losses.item():.4f} lr {optimizer.param_groups[0]['lr']:.6f}")
