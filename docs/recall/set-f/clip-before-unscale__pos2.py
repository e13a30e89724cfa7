import torch
from torch.cuda.amp import GradScaler, autocast


class GANTrainer:
    def __init__(self, gen, disc, args):
        self.gen = gen
        self.disc = disc
        self.args = args
        self.opt_g = torch.optim.Adam(gen.parameters(), lr=args.lr_g, betas=(0.0, 0.99))
        self.opt_d = torch.optim.Adam(disc.parameters(), lr=args.lr_d, betas=(0.0, 0.99))
        self.scaler_g = GradScaler()
        self.scaler_d = GradScaler()

    def _clip(self, module):
        torch.nn.utils.clip_grad_value_(module.parameters(), self.args.clip_value)

    def d_step(self, real, z):
        self.opt_d.zero_grad(set_to_none=True)
        with autocast():
            fake = self.gen(z).detach()
            d_loss = torch.nn.functional.softplus(self.disc(fake)).mean() + torch.nn.functional.softplus(-self.disc(real)).mean()
        self.scaler_d.scale(d_loss).backward()
        self.scaler_d.step(self.opt_d)
        self.scaler_d.update()
        return d_loss.item()

    def g_step(self, z):
        self.opt_g.zero_grad(set_to_none=True)
        with autocast():
            g_loss = torch.nn.functional.softplus(-self.disc(self.gen(z))).mean()
        self.scaler_g.scale(g_loss).backward()
        self._clip(self.gen)
        self.scaler_g.step(self.opt_g)
        self.scaler_g.update()
        return g_loss.item()

    def train(self, loader, epochs):
        self.gen.train()
        self.disc.train()
        for epoch in range(epochs):
            for real in loader:
                real = real.cuda(non_blocking=True)
                z = torch.randn(real.size(0), self.args.z_dim, device="cuda")
                d = self.d_step(real, z)
                g = self.g_step(z)
            print(f"epoch {epoch}: d={d:.3f} g={g:.3f}")
