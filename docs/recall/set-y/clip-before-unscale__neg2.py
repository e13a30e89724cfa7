import torch
from torch import nn


class Trainer:
    def __init__(self, generator, loader, cfg):
        self.gen = generator.cuda()
        self.loader = loader
        self.cfg = cfg
        self.use_amp = cfg.amp
        self.opt = torch.optim.Adam(self.gen.parameters(), lr=cfg.lr, betas=(0.5, 0.999))
        self.scaler = torch.amp.GradScaler("cuda") if self.use_amp else None
        self.l1 = nn.L1Loss()

    def _backward_and_step(self, loss):
        if self.scaler is not None:
            self.scaler.scale(loss).backward()
            self.scaler.unscale_(self.opt)
            nn.utils.clip_grad_norm_(self.gen.parameters(), self.cfg.max_norm)
            self.scaler.step(self.opt)
            self.scaler.update()
        else:
            loss.backward()
            nn.utils.clip_grad_norm_(self.gen.parameters(), self.cfg.max_norm)
            self.opt.step()
        self.opt.zero_grad(set_to_none=True)

    def train_epoch(self, epoch):
        self.gen.train()
        meter = 0.0
        for lr_img, hr_img in self.loader:
            lr_img, hr_img = lr_img.cuda(non_blocking=True), hr_img.cuda(non_blocking=True)
            with torch.autocast(device_type="cuda", dtype=torch.float16, enabled=self.use_amp):
                loss = self.l1(self.gen(lr_img), hr_img)
            self._backward_and_step(loss)
            meter += loss.item()
        return meter / max(1, len(self.loader))

    def fit(self):
        for epoch in range(self.cfg.epochs):
            print(f"epoch {epoch} mean l1 {self.train_epoch(epoch):.4f}")
