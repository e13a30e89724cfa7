import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LinearLR


class GANTrainer:
    def __init__(self, gen, disc, loader, cfg):
        self.G, self.D = gen, disc
        self.loader = loader
        self.cfg = cfg
        self.opt_g = torch.optim.Adam(gen.parameters(), lr=cfg.lr_g, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(disc.parameters(), lr=cfg.lr_d, betas=(0.5, 0.999))
        # linear decay to zero over the run, one schedule per network
        self.sched_g = LinearLR(self.opt_g, 1.0, 0.0, total_iters=cfg.n_epochs)
        self.sched_d = LinearLR(self.opt_d, 1.0, 0.0, total_iters=cfg.n_epochs)
        self.bce = nn.BCEWithLogitsLoss()

    def train(self):
        self.G.train()
        self.D.train()
        for epoch in range(self.cfg.n_epochs):
            for real in self.loader:
                real = real.cuda()
                z = torch.randn(real.size(0), self.cfg.z_dim, device=real.device)
                fake = self.G(z)

                self.opt_d.zero_grad()
                d_real = self.D(real)
                d_fake = self.D(fake.detach())
                loss_d = (self.bce(d_real, torch.ones_like(d_real))
                          + self.bce(d_fake, torch.zeros_like(d_fake)))
                loss_d.backward()
                self.opt_d.step()

                self.opt_g.zero_grad()
                d_out = self.D(fake)
                loss_g = self.bce(d_out, torch.ones_like(d_out))
                loss_g.backward()
                self.opt_g.step()

            self.sched_g.step()
            self.sched_d.step()
            print(f"epoch {epoch} lr_g {self.sched_g.get_last_lr()[0]:.2e}")
