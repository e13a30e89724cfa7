import math

import torch
import torch.nn.functional as F


def lr_at(step, peak, floor, warm, total):
    if step < warm:
        return peak * (step + 1) / warm
    t = min(1.0, (step - warm) / max(1, total - warm))
    return floor + 0.5 * (peak - floor) * (1.0 + math.cos(math.pi * t))


class PretrainLoop:
    def __init__(self, net, loader, cfg):
        self.net = net.cuda()
        self.loader = loader
        self.cfg = cfg
        decay, no_decay = [], []
        for n, p in net.named_parameters():
            (no_decay if p.ndim < 2 else decay).append(p)
        self.opt = torch.optim.AdamW([
            {"params": decay, "weight_decay": cfg.wd},
            {"params": no_decay, "weight_decay": 0.0},
        ], lr=cfg.lr, betas=(0.9, 0.95))
        self.total = cfg.epochs * len(loader)

    def run(self):
        step = 0
        for epoch in range(self.cfg.epochs):
            self.net.train()
            for imgs, _ in self.loader:
                lr = lr_at(step, self.cfg.lr, self.cfg.min_lr, self.cfg.warm_steps, self.total)
                for group in self.opt.param_groups:
                    group["lr"] = lr
                loss = self.net(imgs.cuda(non_blocking=True))
                self.opt.zero_grad(set_to_none=True)
                loss.backward()
                self.opt.step()
                step += 1
            print(f"epoch {epoch} loss {loss.item():.4f} lr {lr:.2e}")
