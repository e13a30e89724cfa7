import os

import torch
import torch.nn.functional as F
from torchvision.utils import save_image


def vae_loss(recon, x, mu, logvar):
    rec = F.binary_cross_entropy(recon, x, reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return (rec + kld) / x.size(0)


def train_vae(vae, loader, args):
    vae.cuda()
    opt = torch.optim.Adam(vae.parameters(), lr=args.lr)
    fixed_z = torch.randn(64, args.latent_dim, device="cuda")
    os.makedirs(args.sample_dir, exist_ok=True)
    vae.train()
    it = 0
    for epoch in range(args.epochs):
        for x, _ in loader:
            x = x.cuda()
            opt.zero_grad()
            recon, mu, logvar = vae(x)
            loss = vae_loss(recon, x, mu, logvar)
            loss.backward()
            opt.step()
            it += 1
            if it % args.sample_every == 0:
                vae.eval()
                with torch.no_grad():
                    samples = vae.decode(fixed_z).view(-1, 1, 28, 28)
                save_image(samples, os.path.join(args.sample_dir, f"it{it:06d}.png"), nrow=8)
                print(f"epoch {epoch} it {it}: loss {loss.item():.3f}")
    return vae
