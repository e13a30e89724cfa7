import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR


class GANTrainer:
    def __init__(self, gen, disc, loader, opts):
        self.gen, self.disc = gen.cuda(), disc.cuda()
        self.loader = loader
        self.opts = opts
        self.g_opt = torch.optim.Adam(gen.parameters(), lr=opts.g_lr, betas=(0.5, 0.999))
        self.d_opt = torch.optim.Adam(disc.parameters(), lr=opts.d_lr, betas=(0.5, 0.999))
        self.bce = nn.BCEWithLogitsLoss()

    def _d_step(self, real, fake):
        real_logits = self.disc(real)
        fake_logits = self.disc(fake.detach())
        loss = self.bce(real_logits, torch.ones_like(real_logits)) + \
            self.bce(fake_logits, torch.zeros_like(fake_logits))
        self.d_opt.zero_grad()
        loss.backward()
        self.d_opt.step()
        return loss.item()

    def _g_step(self, fake):
        logits = self.disc(fake)
        loss = self.bce(logits, torch.ones_like(logits))
        self.g_opt.zero_grad()
        loss.backward()
        self.g_opt.step()
        return loss.item()

    def train(self):
        epoch = 0
        while epoch < self.opts.n_epochs:
            g_sched = StepLR(self.g_opt, step_size=self.opts.decay_every, gamma=0.5)
            self.gen.train()
            self.disc.train()
            for real, _ in self.loader:
                real = real.cuda()
                z = torch.randn(real.size(0), self.opts.z_dim, device=real.device)
                fake = self.gen(z)
                d_loss = self._d_step(real, fake)
                g_loss = self._g_step(fake)
            g_sched.step()
            print(f"epoch {epoch} d {d_loss:.3f} g {g_loss:.3f} g_lr {g_sched.get_last_lr()[0]:.2e}")
            epoch += 1
