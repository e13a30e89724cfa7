from dataclasses import dataclass

import torch
from torch import nn


@dataclass
class OptimCfg:
    lr: float = 2e-4
    betas: tuple = (0.5, 0.999)
    clip_value: float = 0.5
    use_amp: bool = True


class GANStep:
    def __init__(self, gen, disc, cfg: OptimCfg):
        self.gen, self.disc, self.cfg = gen, disc, cfg
        self.opt_d = torch.optim.Adam(disc.parameters(), lr=cfg.lr, betas=cfg.betas)
        self.scaler = torch.cuda.amp.GradScaler(enabled=cfg.use_amp)
        self.bce = nn.BCEWithLogitsLoss()

    def _apply(self, loss, params, opt):
        opt.zero_grad(set_to_none=True)
        self.scaler.scale(loss).backward()
        if self.cfg.clip_value:
            nn.utils.clip_grad_value_(params, self.cfg.clip_value)
        self.scaler.step(opt)

    def discriminator_step(self, real, z):
        self.disc.train()
        with torch.autocast("cuda", enabled=self.cfg.use_amp):
            fake = self.gen(z).detach()
            real_logits = self.disc(real)
            fake_logits = self.disc(fake)
            loss_d = self.bce(real_logits, torch.ones_like(real_logits)) + self.bce(
                fake_logits, torch.zeros_like(fake_logits)
            )
        self._apply(loss_d, self.disc.parameters(), self.opt_d)
        self.scaler.update()
        return loss_d.item()
