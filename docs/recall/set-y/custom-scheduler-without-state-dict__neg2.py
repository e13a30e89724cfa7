import torch
from torch.optim.lr_scheduler import LRScheduler


class WarmupPolyLR(LRScheduler):
    def __init__(self, optimizer, max_iters, power=0.9, warmup_iters=1000,
                 warmup_ratio=1e-3, min_lr=1e-6, last_epoch=-1):
        self.max_iters = max_iters
        self.power = power
        self.warmup_iters = warmup_iters
        self.warmup_ratio = warmup_ratio
        self.min_lr = min_lr
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        it = self.last_epoch
        if it < self.warmup_iters:
            alpha = it / self.warmup_iters
            factor = self.warmup_ratio * (1 - alpha) + alpha
            return [base_lr * factor for base_lr in self.base_lrs]
        frac = min(it, self.max_iters) / self.max_iters
        coeff = (1 - frac) ** self.power
        return [max(base_lr * coeff, self.min_lr) for base_lr in self.base_lrs]


def train_segmentation(net, loader, criterion, cfg):
    optimizer = torch.optim.SGD(net.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=1e-4)
    lr_sched = WarmupPolyLR(optimizer, max_iters=cfg.max_iters, warmup_iters=cfg.warmup_iters)
    net.train()
    it = 0
    while it < cfg.max_iters:
        for images, masks in loader:
            logits = net(images.cuda())
            loss = criterion(logits, masks.cuda())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            lr_sched.step()
            it += 1
            if it % cfg.ckpt_every == 0:
                torch.save({"net": net.state_dict(), "optimizer": optimizer.state_dict(),
                            "lr_sched": lr_sched.state_dict(), "iter": it}, cfg.ckpt)
            if it >= cfg.max_iters:
                break
    return net
