import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR


class GANTrainer:
    def __init__(self, gen, disc, loader, epochs=200, lr=2e-4, decay_every=50):
        self.gen, self.disc = gen.cuda(), disc.cuda()
        self.loader = loader
        self.epochs = epochs
        self.z_dim = gen.z_dim
        self.opt_g = torch.optim.Adam(self.gen.parameters(), lr=lr, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.disc.parameters(), lr=lr, betas=(0.5, 0.999))
        self.sched_g = StepLR(self.opt_g, step_size=decay_every, gamma=0.5)
        self.sched_d = StepLR(self.opt_d, step_size=decay_every, gamma=0.5)
        self.bce = nn.BCEWithLogitsLoss()

    def _d_step(self, real):
        z = torch.randn(real.size(0), self.z_dim, device=real.device)
        fake = self.gen(z).detach()
        out_real, out_fake = self.disc(real), self.disc(fake)
        loss = self.bce(out_real, torch.ones_like(out_real)) + self.bce(out_fake, torch.zeros_like(out_fake))
        self.opt_d.zero_grad()
        loss.backward()
        self.opt_d.step()
        return loss.item()

    def _g_step(self, batch_size):
        z = torch.randn(batch_size, self.z_dim, device="cuda")
        out = self.disc(self.gen(z))
        loss = self.bce(out, torch.ones_like(out))
        self.opt_g.zero_grad()
        loss.backward()
        self.opt_g.step()
        return loss.item()

    def train(self):
        for epoch in range(self.epochs):
            self.gen.train()
            self.disc.train()
            for real, _ in self.loader:
                real = real.cuda()
                d_loss = self._d_step(real)
                g_loss = self._g_step(real.size(0))
            self.sched_g.step()
            self.sched_d.step()
            print(f"epoch {epoch}: D {d_loss:.3f} G {g_loss:.3f}")
