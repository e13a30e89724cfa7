import torch
import torch.nn as nn
from torch.cuda.amp import GradScaler, autocast


class GANTrainer:
    def __init__(self, gen, disc, loader, cfg):
        self.gen = gen.cuda()
        self.disc = disc.cuda()
        self.loader = loader
        self.z_dim = cfg.z_dim
        self.clip_value = cfg.clip_value
        self.opt_g = torch.optim.Adam(self.gen.parameters(), lr=cfg.lr_g, betas=(0.0, 0.99))
        self.opt_d = torch.optim.Adam(self.disc.parameters(), lr=cfg.lr_d, betas=(0.0, 0.99))
        self.scaler_g = GradScaler()
        self.scaler_d = GradScaler()
        self.bce = nn.BCEWithLogitsLoss()

    def _d_step(self, real):
        z = torch.randn(real.size(0), self.z_dim, device=real.device)
        self.opt_d.zero_grad(set_to_none=True)
        with autocast():
            fake = self.gen(z).detach()
            d_real, d_fake = self.disc(real), self.disc(fake)
            loss_d = self.bce(d_real, torch.ones_like(d_real)) + self.bce(d_fake, torch.zeros_like(d_fake))
        self.scaler_d.scale(loss_d).backward()
        nn.utils.clip_grad_value_(self.disc.parameters(), self.clip_value)
        self.scaler_d.step(self.opt_d)
        self.scaler_d.update()
        return loss_d.item()

    def _g_step(self, batch_size):
        z = torch.randn(batch_size, self.z_dim, device="cuda")
        self.opt_g.zero_grad(set_to_none=True)
        with autocast():
            d_out = self.disc(self.gen(z))
            loss_g = self.bce(d_out, torch.ones_like(d_out))
        self.scaler_g.scale(loss_g).backward()
        self.scaler_g.step(self.opt_g)
        self.scaler_g.update()
        return loss_g.item()

    def train(self, epochs):
        for ep in range(epochs):
            self.gen.train()
            self.disc.train()
            for real in self.loader:
                real = real.cuda(non_blocking=True)
                ld = self._d_step(real)
                lg = self._g_step(real.size(0))
            print(f"epoch {ep}: D {ld:.3f} G {lg:.3f}")
