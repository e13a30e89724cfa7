from dataclasses import dataclass

import torch


@dataclass
class SchedCfg:
    epochs: int = 300
    lrf: float = 0.01


class LinearToFloor:
    """Linear ramp-down from the initial learning rate to lrf * initial over training."""

    def __init__(self, opt, cfg: SchedCfg):
        self.opt = opt
        self.cfg = cfg
        self.base_lrs = [pg["lr"] for pg in opt.param_groups]
        self.last_epoch = 0

    def lr_lambda(self, epoch):
        frac = min(epoch, self.cfg.epochs) / self.cfg.epochs
        return (1.0 - frac) * (1.0 - self.cfg.lrf) + self.cfg.lrf

    def step(self):
        self.last_epoch += 1
        self.base_lrs = [lr * self.lr_lambda(self.last_epoch) for lr in self.base_lrs]
        for pg, lr in zip(self.opt.param_groups, self.base_lrs):
            pg["lr"] = lr

    def state_dict(self):
        return {"last_epoch": self.last_epoch, "base_lrs": self.base_lrs}

    def load_state_dict(self, sd):
        self.last_epoch = sd["last_epoch"]
        self.base_lrs = sd["base_lrs"]


def fit(detector, loader, cfg: SchedCfg, device="cuda"):
    g0, g1 = [], []
    for name, p in detector.named_parameters():
        (g1 if p.ndim > 1 else g0).append(p)
    opt = torch.optim.SGD([{"params": g0, "weight_decay": 0.0}, {"params": g1, "weight_decay": 5e-4}],
                          lr=0.01, momentum=0.937, nesterov=True)
    lr_sched = LinearToFloor(opt, cfg)
    for epoch in range(cfg.epochs):
        detector.train()
        mloss = 0.0
        for i, (imgs, targets) in enumerate(loader):
            imgs = imgs.to(device, non_blocking=True).float() / 255.0
            loss = detector(imgs, targets.to(device))
            opt.zero_grad()
            loss.backward()
            opt.step()
            mloss = (mloss * i + loss.item()) / (i + 1)
        lr_sched.step()
        print(f"{epoch}/{cfg.epochs - 1} loss {mloss:.4f} lr {opt.param_groups[0]['lr']:.5f}")
