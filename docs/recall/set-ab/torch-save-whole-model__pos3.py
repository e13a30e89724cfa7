import argparse
from pathlib import Path

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from gan.models import Generator, Discriminator
from gan.data import ImageFolderFlat

parser = argparse.ArgumentParser()
parser.add_argument("--data", required=True)
parser.add_argument("--n-epochs", type=int, default=50)
parser.add_argument("--z-dim", type=int, default=128)
parser.add_argument("--save-every", type=int, default=5)
parser.add_argument("--outdir", default="samples")
opt = parser.parse_args()

dev = torch.device("cuda")
gen, disc = Generator(opt.z_dim).to(dev), Discriminator().to(dev)
g_optim = torch.optim.Adam(gen.parameters(), lr=2e-4, betas=(0.5, 0.999))
d_optim = torch.optim.Adam(disc.parameters(), lr=2e-4, betas=(0.5, 0.999))
bce = nn.BCEWithLogitsLoss()
dataloader = DataLoader(ImageFolderFlat(opt.data), batch_size=64, shuffle=True, drop_last=True)
outdir = Path(opt.outdir)
outdir.mkdir(parents=True, exist_ok=True)

for epoch in range(1, opt.n_epochs + 1):
    for real in dataloader:
        real = real.to(dev)
        z = torch.randn(real.size(0), opt.z_dim, device=dev)
        fake = gen(z)

        d_optim.zero_grad()
        d_real, d_fake = disc(real), disc(fake.detach())
        d_loss = bce(d_real, torch.ones_like(d_real)) + bce(d_fake, torch.zeros_like(d_fake))
        d_loss.backward()
        d_optim.step()

        g_optim.zero_grad()
        g_out = disc(fake)
        g_loss = bce(g_out, torch.ones_like(g_out))
        g_loss.backward()
        g_optim.step()

    print(f"[{epoch}/{opt.n_epochs}] D {d_loss.item():.3f} G {g_loss.item():.3f}")
    if epoch % opt.save_every == 0:
        torch.save(gen, outdir / f"generator_{epoch:03d}.pt")
