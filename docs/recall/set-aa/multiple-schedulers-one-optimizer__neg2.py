import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR


class GANTrainer:
    def __init__(self, gen, disc, loader, epochs=200, lr=2e-4, z_dim=128):
        self.gen, self.disc = gen.cuda(), disc.cuda()
        self.loader = loader
        self.epochs = epochs
        self.z_dim = z_dim
        self.opt_g = torch.optim.Adam(gen.parameters(), lr=lr, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(disc.parameters(), lr=lr, betas=(0.5, 0.999))
        self.sched_g = StepLR(self.opt_g, step_size=50, gamma=0.5)
        self.sched_d = StepLR(self.opt_d, step_size=50, gamma=0.5)
        self.bce = nn.BCEWithLogitsLoss()

    def train(self):
        for epoch in range(self.epochs):
            self.gen.train()
            self.disc.train()
            for real, _ in self.loader:
                real = real.cuda()
                z = torch.randn(real.size(0), self.z_dim, device=real.device)
                fake = self.gen(z)

                d_real = self.disc(real)
                d_fake = self.disc(fake.detach())
                loss_d = self.bce(d_real, torch.ones_like(d_real)) + \
                    self.bce(d_fake, torch.zeros_like(d_fake))
                self.opt_d.zero_grad()
                loss_d.backward()
                self.opt_d.step()

                d_out = self.disc(fake)
                loss_g = self.bce(d_out, torch.ones_like(d_out))
                self.opt_g.zero_grad()
                loss_g.backward()
                self.opt_g.step()
            self.sched_g.step()
            self.sched_d.step()
            print(f"epoch {epoch} D {loss_d.item():.3f} G {loss_g.item():.3f}")
            torch.save({"gen": self.gen.state_dict(), "disc": self.disc.state_dict()}, "gan.pt")
