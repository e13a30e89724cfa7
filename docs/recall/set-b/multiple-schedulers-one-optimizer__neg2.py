import torch
import torch.nn as nn
from torch.optim.lr_scheduler import LinearLR


def train_gan(gen, disc, loader, n_epochs=200, decay_start=100, z_dim=128):
    gen, disc = gen.cuda(), disc.cuda()
    opt_g = torch.optim.Adam(gen.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(disc.parameters(), lr=2e-4, betas=(0.5, 0.999))
    # each optimizer has exactly one schedule: constant, then linear decay to zero
    n_decay = n_epochs - decay_start
    sched_g = LinearLR(opt_g, start_factor=1.0, end_factor=0.0, total_iters=n_decay)
    sched_d = LinearLR(opt_d, start_factor=1.0, end_factor=0.0, total_iters=n_decay)
    bce = nn.BCEWithLogitsLoss()

    for epoch in range(n_epochs):
        for real, _ in loader:
            real = real.cuda()
            z = torch.randn(real.size(0), z_dim, device="cuda")
            fake = gen(z)

            opt_d.zero_grad()
            d_real = disc(real)
            d_fake = disc(fake.detach())
            loss_d = bce(d_real, torch.ones_like(d_real)) + bce(d_fake, torch.zeros_like(d_fake))
            loss_d.backward()
            opt_d.step()

            opt_g.zero_grad()
            d_gen = disc(fake)
            loss_g = bce(d_gen, torch.ones_like(d_gen))
            loss_g.backward()
            opt_g.step()
        if epoch >= decay_start:
            sched_g.step()
            sched_d.step()
        print(f"epoch {epoch} D {loss_d.item():.3f} G {loss_g.item():.3f}")
    torch.save({"gen": gen.state_dict(), "disc": disc.state_dict()}, "gan.pt")
