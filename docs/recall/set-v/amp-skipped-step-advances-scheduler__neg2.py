import torch
from torch.optim.lr_scheduler import CosineAnnealingLR


class Trainer:
    def __init__(self, model, loader, cfg):
        self.model = model.cuda()
        self.loader = loader
        self.cfg = cfg
        self.optimizer = torch.optim.AdamW(self.model.parameters(), lr=cfg.lr)
        self.scheduler = CosineAnnealingLR(self.optimizer, T_max=cfg.epochs * len(loader), eta_min=cfg.min_lr)
        self.scaler = torch.amp.GradScaler("cuda")

    def training_step(self, batch):
        inputs = {k: v.cuda(non_blocking=True) for k, v in batch.items()}
        with torch.autocast("cuda", dtype=torch.float16):
            loss = self.model(**inputs)["loss"]
        self.scaler.scale(loss).backward()
        self.scaler.unscale_(self.optimizer)
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.cfg.max_grad_norm)
        scale_before = self.scaler.get_scale()
        self.scaler.step(self.optimizer)
        self.scaler.update()
        optimizer_was_run = scale_before <= self.scaler.get_scale()
        if optimizer_was_run:
            self.scheduler.step()
        self.optimizer.zero_grad(set_to_none=True)
        return loss.item()

    def train(self):
        self.model.train()
        self.optimizer.zero_grad(set_to_none=True)
        for epoch in range(self.cfg.epochs):
            for batch in self.loader:
                self.training_step(batch)
