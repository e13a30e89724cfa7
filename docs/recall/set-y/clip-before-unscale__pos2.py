import torch
from torch import nn


class Trainer:
    def __init__(self, generator, loader, cfg):
        self.gen = generator.cuda()
        self.loader = loader
        self.cfg = cfg
        self.opt = torch.optim.Adam(self.gen.parameters(), lr=cfg.lr, betas=(0.5, 0.999))
        self.scaler = torch.amp.GradScaler("cuda")
        self.l1 = nn.L1Loss()

    def _backward_and_step(self, loss):
        self.scaler.scale(loss).backward()
        if self.cfg.grad_clip_value > 0:
            nn.utils.clip_grad_value_(self.gen.parameters(), self.cfg.grad_clip_value)
        self.scaler.step(self.opt)
        self.scaler.update()
        self.opt.zero_grad(set_to_none=True)

    def train_epoch(self, epoch):
        self.gen.train()
        meter = 0.0
        for i, (lr_img, hr_img) in enumerate(self.loader):
            lr_img, hr_img = lr_img.cuda(non_blocking=True), hr_img.cuda(non_blocking=True)
            with torch.autocast(device_type="cuda", dtype=torch.float16):
                sr = self.gen(lr_img)
                loss = self.l1(sr, hr_img)
            self._backward_and_step(loss)
            meter += loss.item()
            if i % self.cfg.print_freq == 0:
                print(f"epoch {epoch} iter {i} l1 {loss.item():.4f}")
        return meter / max(1, len(self.loader))

    def fit(self):
        for epoch in range(self.cfg.epochs):
            avg = self.train_epoch(epoch)
            print(f"epoch {epoch} mean l1 {avg:.4f}")
