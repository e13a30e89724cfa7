import os

import torch
import torch.nn.functional as F
from torchvision.utils import save_image


def train_vae(vae, data_iter, args):
    opt = torch.optim.Adam(vae.parameters(), lr=args.lr)
    fixed_z = torch.randn(64, args.latent_dim, device=args.device)
    os.makedirs(args.sample_dir, exist_ok=True)
    vae.train()
    it = 0
    while it < args.total_iters:
        x = next(data_iter).to(args.device)
        recon, mu, logvar = vae(x)
        rec = F.binary_cross_entropy(recon, x, reduction="sum") / x.size(0)
        kld = -0.5 * torch.mean(torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=1))
        loss = rec + args.beta * kld
        opt.zero_grad()
        loss.backward()
        opt.step()
        it += 1
        if it % args.sample_every == 0:
            vae.eval()
            with torch.no_grad():
                samples = vae.decode(fixed_z)
            save_image(samples, os.path.join(args.sample_dir, f"it{it:06d}.png"), nrow=8)
            print(f"it {it}: rec {rec.item():.2f} kld {kld.item():.2f}")
    return vae
