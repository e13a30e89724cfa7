import torch
import torch.nn.functional as F
from torch.optim.lr_scheduler import LinearLR


class GANTrainer:
    def __init__(self, gen, disc, loader, epochs=200, lr=2e-4, z_dim=128):
        self.gen, self.disc = gen.cuda(), disc.cuda()
        self.loader = loader
        self.epochs = epochs
        self.z_dim = z_dim
        self.opt_g = torch.optim.Adam(gen.parameters(), lr=lr, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(disc.parameters(), lr=lr, betas=(0.5, 0.999))
        # linear decay to zero over the run, one schedule per network
        self.sched_g = LinearLR(self.opt_g, start_factor=1.0, end_factor=0.0, total_iters=epochs)
        self.sched_d = LinearLR(self.opt_d, start_factor=1.0, end_factor=0.0, total_iters=epochs)

    def step(self, real):
        real = real.cuda()
        z = torch.randn(real.size(0), self.z_dim, device=real.device)
        fake = self.gen(z)

        d_loss = F.softplus(self.disc(fake.detach())).mean() + F.softplus(-self.disc(real)).mean()
        self.opt_d.zero_grad()
        d_loss.backward()
        self.opt_d.step()

        g_loss = F.softplus(-self.disc(fake)).mean()
        self.opt_g.zero_grad()
        g_loss.backward()
        self.opt_g.step()
        return d_loss.item(), g_loss.item()

    def train(self):
        for epoch in range(self.epochs):
            self.gen.train()
            self.disc.train()
            for real, _ in self.loader:
                d, g = self.step(real)
            self.sched_g.step()
            self.sched_d.step()
            print(f"epoch {epoch}: D {d:.3f} G {g:.3f}")
