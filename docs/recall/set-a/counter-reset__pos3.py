import torch
from torch.cuda.amp import GradScaler, autocast


class Trainer:
    def __init__(self, policy, cfg, device="cuda"):
        self.policy = policy.to(device)
        self.cfg = cfg
        self.device = device
        self.opt = torch.optim.Adam(self.policy.parameters(), lr=cfg.TRAIN.LR)
        self.scaler = GradScaler()
        self.iteration = 0

    def _apply_lr(self):
        warm = self.cfg.TRAIN.WARM
        if self.iteration < warm:
            scale = (self.iteration + 1) / warm
        else:
            scale = self.cfg.TRAIN.GAMMA ** ((self.iteration - warm) // self.cfg.TRAIN.DECAY_EVERY)
        for group in self.opt.param_groups:
            group["lr"] = self.cfg.TRAIN.LR * scale
        return self.cfg.TRAIN.LR * scale

    def train_step(self, batch):
        self.iteration = 0
        lr = self._apply_lr()
        obs, actions, returns = (t.to(self.device) for t in batch)
        with autocast():
            logp = self.policy.log_prob(obs, actions)
            loss = -(logp * returns).mean()
        self.opt.zero_grad(set_to_none=True)
        self.scaler.scale(loss).backward()
        self.scaler.step(self.opt)
        self.scaler.update()
        self.iteration += 1
        return {"loss": loss.item(), "lr": lr}

    def fit(self, loader, epochs):
        self.policy.train()
        for epoch in range(epochs):
            for batch in loader:
                stats = self.train_step(batch)
            print(epoch, stats)
